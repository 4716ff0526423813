"""Tests of converter serve, the watcher and incremental rebuilds."""
