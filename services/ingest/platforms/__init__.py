"""Platform normalisers: one module per platform, each a pure function from parsed JSON to a batch.

``services.ingest.adapters`` registers each with its signature check and handshake.
"""
