"""The staff dashboard (工作台) and the registries later apps fill: panels and navigation."""
