"""Risk management plans: the actions that keep a victim safe, their owners and review dates."""
