# Clears what earlier test runs left behind.
resource "terraform_data" "clean" {
  provisioner "local-exec" {
    command = "rm -rf .test-out && mkdir -p .test-out"
  }
}
