"""Self-governance: committees and seats, elections, secret ballots on service
priorities with receipts, and the committee's meetings and decisions."""
