"""Case records: the case, its people, identifiers, incidents, orders, assessments and alerts."""
