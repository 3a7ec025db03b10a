"""Port-of-entry inspection: ports and permitted stays (the primary/secondary workflow to come)."""
