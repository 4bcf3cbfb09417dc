output "result_path" {
  description = "File holding the CLI's JSON result: the installed host's SSH and initrd host-key fingerprints."
  value       = var.result_path
  depends_on  = [terraform_data.reinstall]
}

output "reinstall_id" {
  description = "Changes on every reinstall (server or generation changed)."
  value       = terraform_data.reinstall.id
}
