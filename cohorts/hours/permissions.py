"""What each role may do with the ledger's models (granted by this app's migrations). The ledger is written by
its services only; the districts it reads (contracted day, training rate) are registration's, and so are
their permissions (they moved there with the model)."""

ROLE_PERMISSIONS: dict[str, list[str]] = {}
