"""How the model is measured against official documents: the approval-form harness."""
