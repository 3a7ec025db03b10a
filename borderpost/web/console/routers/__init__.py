"""The console's routers, one per area of work; each page declares its guard."""
