"""The parts of `relations.services.apply_extraction`: rows, officials, meetings, agreements."""
