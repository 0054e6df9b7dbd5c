"""What the policy report computes: monthly indicators, groups of similar questions, charts."""
