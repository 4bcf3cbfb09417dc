# Runs the module with a stand-in CLI that records its arguments and environment.

variables {
  server_id            = "4711"
  address              = "203.0.113.10"
  ssh_private_key_path = "/home/ops/.ssh/id_ed25519"
  known_hosts_path     = "/home/ops/.ssh/known_hosts.reinstaller"
  disk_key_file        = "tests/fixtures/disk-key"
  result_path          = ".test-out/result.json"
  reinstaller          = "tests/fake-reinstaller"
  generation           = 1
}

run "setup" {
  command = apply
  module {
    source = "./tests/setup"
  }
}

run "installs_with_the_key_path_only" {
  command = apply

  assert {
    condition     = strcontains(file("${output.result_path}.args"), "--disk-key-file\ntests/fixtures/disk-key\n")
    error_message = "the CLI must get the key file path"
  }
  assert {
    condition     = strcontains(file("${output.result_path}.args"), "--server\n4711\n")
    error_message = "the CLI must get the server id"
  }
  assert {
    condition     = !strcontains(file("${output.result_path}.args"), "correct horse") && !strcontains(file("${output.result_path}.env"), "correct horse")
    error_message = "the disk key must not appear in the CLI's arguments or environment"
  }
  assert {
    condition     = jsondecode(file("${output.result_path}")).servers[0].sshHostKey == "SHA256:fakeHostKeyFingerprint"
    error_message = "the result file must hold the CLI's JSON"
  }
  assert {
    condition     = trimspace(file("${output.result_path}.count")) == "1"
    error_message = "one reinstall"
  }
  assert {
    condition     = !strcontains(file("${output.result_path}.args"), "--agent") && !strcontains(file("${output.result_path}.args"), "--extra-flake")
    error_message = "unset optional paths and settings must not reach the CLI"
  }
}

run "same_generation_does_not_reinstall" {
  command = apply
  variables {
    reinstaller = "tests/fake-reinstaller"
    bundle_path = "/srv/a-newer-bundle"
  }

  assert {
    condition     = terraform_data.reinstall.id == run.installs_with_the_key_path_only.reinstall_id
    error_message = "a new bundle or tool must not reinstall"
  }
  assert {
    condition     = trimspace(file("${output.result_path}.count")) == "1"
    error_message = "still one reinstall"
  }
}

run "raising_generation_reinstalls" {
  command = apply
  variables {
    generation       = 2
    disk_key_file    = null
    disk_key_command = "cat tests/fixtures/disk-key"
  }

  assert {
    condition     = terraform_data.reinstall.id != run.installs_with_the_key_path_only.reinstall_id
    error_message = "raising generation must reinstall"
  }
  assert {
    condition     = trimspace(file("${output.result_path}.count")) == "2"
    error_message = "two reinstalls"
  }
  assert {
    condition     = strcontains(file("${output.result_path}.args"), "--disk-key-command\ncat tests/fixtures/disk-key\n")
    error_message = "the CLI must get the key command"
  }
}

run "refuses_two_key_sources" {
  command = plan
  variables {
    generation       = 3
    disk_key_command = "cat tests/fixtures/disk-key"
  }
  expect_failures = [terraform_data.reinstall]
}

run "powers_off_when_asked" {
  command = apply
  variables {
    generation = 4
    after      = "poweroff"
  }

  assert {
    condition     = strcontains(file("${output.result_path}.args"), "--after\npoweroff\n")
    error_message = "the CLI must get --after poweroff"
  }
  assert {
    condition     = trimspace(file("${output.result_path}.count")) == "3"
    error_message = "a third reinstall"
  }
}

run "refuses_an_unknown_after" {
  command = plan
  variables {
    generation = 5
    after      = "halt"
  }
  expect_failures = [var.after]
}
