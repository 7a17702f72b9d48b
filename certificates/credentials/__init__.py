"""The Open Badges credential a certificate carries: its key, the credential itself, the revocation
list, the earlier form upgraded, and the public doors to them (the key set, the issuer, the credentials)."""
