# Creates Hetzner Cloud servers with a stock image and reinstalls each as NixOS on encrypted ZFS.
terraform {
  required_version = ">= 1.5"
  required_providers {
    hcloud = {
      source  = "hetznercloud/hcloud"
      version = ">= 1.45"
    }
  }
}

variable "hosts" {
  description = "Servers to create, by name."
  type = map(object({
    server_type = optional(string, "cx22")
    location    = optional(string, "fsn1")
    generation  = optional(number, 1)
  }))
  default = {
    web-01 = {}
    web-02 = { location = "nbg1" }
  }
}

variable "ssh_key_name" {
  description = "Name of the SSH key in the Hetzner project that may log in to new servers."
  type        = string
}

variable "ssh_private_key_path" {
  description = "Its private key on this machine."
  type        = string
}

variable "disk_key_command" {
  description = "Command that prints the disk passphrase of a host; the host name is appended."
  type        = string
  default     = "pass show reinstaller/disk-key"
}

resource "hcloud_server" "host" {
  for_each    = var.hosts
  name        = each.key
  server_type = each.value.server_type
  location    = each.value.location
  image       = "debian-12"
  ssh_keys    = [var.ssh_key_name]
  labels      = { reinstaller = "nixos" }
}

module "reinstall" {
  source   = "../../modules/reinstall"
  for_each = var.hosts

  server_id            = hcloud_server.host[each.key].id
  address              = hcloud_server.host[each.key].ipv4_address
  ssh_private_key_path = var.ssh_private_key_path
  known_hosts_path     = "${path.root}/known_hosts"
  trust_first_use      = true
  disk_key_command     = "${var.disk_key_command}/${each.key}"
  generation           = each.value.generation
  result_path          = "${path.root}/results/${each.key}.json"
}

output "results" {
  description = "Per host, the file with its host-key fingerprints."
  value       = { for name, m in module.reinstall : name => m.result_path }
}
