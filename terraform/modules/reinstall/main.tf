locals {
  key_source = var.disk_key_file != null ? "file" : "command"
}

# One reinstall per server and generation. Only server_id and generation trigger a replacement, so
# changing the tool, the bundle or the settings never reinstalls a server by itself.
resource "terraform_data" "reinstall" {
  triggers_replace = {
    server_id  = var.server_id
    generation = var.generation
  }

  lifecycle {
    precondition {
      condition     = (var.disk_key_file == null) != (var.disk_key_command == null)
      error_message = "Give exactly one of disk_key_file or disk_key_command."
    }
  }

  provisioner "local-exec" {
    interpreter = ["/bin/sh", "-c"]
    # Values travel in the environment, so no value is ever parsed by the shell. None of them is a
    # secret: the key stays in its file or command.
    command = join(" ", [
      "\"$REINSTALLER\" hetzner reinstall --json",
      "--server \"$REINSTALLER_SERVER\"",
      "--address \"$REINSTALLER_ADDRESS\"",
      "--ssh-user \"$REINSTALLER_SSH_USER\"",
      "--ssh-key \"$REINSTALLER_SSH_KEY\"",
      "--known-hosts \"$REINSTALLER_KNOWN_HOSTS\"",
      "$${REINSTALLER_TRUST_FIRST_USE:+--trust-first-use}",
      local.key_source == "file" ? "--disk-key-file \"$REINSTALLER_DISK_KEY_FILE\"" : "--disk-key-command \"$REINSTALLER_DISK_KEY_COMMAND\"",
      "$${REINSTALLER_EXTRA_FLAKE:+--extra-flake \"$REINSTALLER_EXTRA_FLAKE\"}",
      "$${REINSTALLER_CLOSURE:+--closure \"$REINSTALLER_CLOSURE\"}",
      "$${REINSTALLER_AGENT_DIR:+--agent \"$REINSTALLER_AGENT_DIR\"}",
      "$${REINSTALLER_BUNDLE:+--bundle \"$REINSTALLER_BUNDLE\"}",
      "--after \"$REINSTALLER_AFTER\"",
      "--result-file \"$REINSTALLER_RESULT\"",
    ])
    environment = {
      REINSTALLER                  = var.reinstaller
      REINSTALLER_SERVER           = var.server_id
      REINSTALLER_ADDRESS          = var.address
      REINSTALLER_SSH_USER         = var.ssh_user
      REINSTALLER_SSH_KEY          = var.ssh_private_key_path
      REINSTALLER_KNOWN_HOSTS      = var.known_hosts_path
      REINSTALLER_TRUST_FIRST_USE  = var.trust_first_use ? "1" : ""
      REINSTALLER_DISK_KEY_FILE    = var.disk_key_file != null ? var.disk_key_file : ""
      REINSTALLER_DISK_KEY_COMMAND = var.disk_key_command != null ? var.disk_key_command : ""
      REINSTALLER_EXTRA_FLAKE      = var.host_settings.extra_flake != null ? var.host_settings.extra_flake : ""
      REINSTALLER_CLOSURE          = var.host_settings.closure != null ? var.host_settings.closure : ""
      REINSTALLER_AGENT_DIR        = var.agent_path
      REINSTALLER_BUNDLE           = var.bundle_path
      REINSTALLER_RESULT           = var.result_path
      REINSTALLER_AFTER            = var.after
    }
  }
}
