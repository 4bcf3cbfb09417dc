variable "server_id" {
  description = "Hetzner Cloud server id to reinstall."
  type        = string
}

variable "address" {
  description = "Address to reach the server's SSH on (its public IPv4 or IPv6)."
  type        = string
}

variable "ssh_user" {
  description = "SSH user on the old host; the agent must run as root."
  type        = string
  default     = "root"
}

variable "ssh_private_key_path" {
  description = "Path of the SSH private key that logs in to the server (a path, never the key)."
  type        = string
}

variable "known_hosts_path" {
  description = "known_hosts file that pins the old host's key; the CLI also writes the new host's keys (ports 22 and 2222) into it."
  type        = string
}

variable "trust_first_use" {
  description = "Accept the old host's SSH key on first contact when known_hosts has none (fresh servers)."
  type        = bool
  default     = false
}

variable "disk_key_file" {
  description = "Path of a file holding the disk passphrase. Give this or disk_key_command, never the key itself: variables end up in plans and state."
  type        = string
  default     = null
}

variable "disk_key_command" {
  description = "Command whose standard output is the disk passphrase (for example `pass show hosts/web-01`). Alternative to disk_key_file."
  type        = string
  default     = null
}

variable "host_settings" {
  description = "Settings of the installed host: an optional flake whose nixosModules.default is imported, and an optional install source closure."
  type = object({
    extra_flake = optional(string)
    closure     = optional(string)
  })
  default = {}
}

variable "after" {
  description = "What the installer does once the pool is exported: reboot (then the CLI unlocks and verifies the new host) or poweroff (to snapshot the server or move its disk first; the CLI reports it installed but not verified)."
  type        = string
  default     = "reboot"

  validation {
    condition     = contains(["reboot", "poweroff"], var.after)
    error_message = "after takes \"reboot\" or \"poweroff\"."
  }
}

variable "generation" {
  description = "Raise this number to reinstall. Nothing else triggers a reinstall: a new tool version never wipes a server by itself."
  type        = number
  default     = 1
}

variable "result_path" {
  description = "File the CLI's JSON result (host-key fingerprints) is written to."
  type        = string
}

variable "reinstaller" {
  description = "The reinstaller CLI to run."
  type        = string
  default     = "reinstaller"
}

variable "bundle_path" {
  description = "Directory of the kexec bundle to upload (empty: the CLI's default, $REINSTALLER_HOME/bundle)."
  type        = string
  default     = ""
}

variable "agent_path" {
  description = "Directory of the unpacked agent distribution to upload (empty: the CLI's default, $REINSTALLER_HOME/agent)."
  type        = string
  default     = ""
}
