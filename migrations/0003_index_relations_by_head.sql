-- Why: `kg show` lists an entity's relations most confident first and
-- prints only the first --limit of them. relations_by_tail already orders
-- the edges of a tail by confidence; this is its mirror for heads, so both
-- sides are read in that order and a hub's hundreds of thousands of edges
-- are not all read to print fifty (p95 283 ms -> see ARCHITECTURE.md,
-- "Scale").
CREATE INDEX relations_by_head ON relations (head, confidence, id);
