"""Developer tools: the rule reference generator and the synthetic report generator."""
