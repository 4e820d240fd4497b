"""The movements, one module per exercise; ``content.figures.catalogue`` ties them to rungs."""
