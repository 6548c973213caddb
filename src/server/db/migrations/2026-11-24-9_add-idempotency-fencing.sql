-- An Idempotency-Key is claimed before the request's work and answered after it. If the process dies in
-- between, the claim used to block every retry until the key expired. Now the claim carries a token, the
-- business transaction marks the key committed (with that token) just before it commits, and a retry may
-- take over a claim that is old enough and never committed. The original, should it still be running, then
-- finds its token gone at commit and rolls back: exactly one of them writes.
alter table idempotency_keys add column claim_token uuid;
alter table idempotency_keys add column committed_at timestamptz;
