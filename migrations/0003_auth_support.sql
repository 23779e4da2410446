-- Login throttling: failed sign-ins counted per account (email) and per client IP in a sliding window.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY, -- 'account:<email>' or 'ip:<address>'
  failures INTEGER NOT NULL DEFAULT 0,
  window_start TEXT NOT NULL,
  locked_until TEXT
);

ALTER TABLE invitations ADD COLUMN accepted_by TEXT;
ALTER TABLE invitations ADD COLUMN revoked_at TEXT;
