-- Retailers sign in with their mobile number, so a number names one login, like an email does (global for
-- the same reason: people sign in without naming their company). Numbers are stored as +8801XXXXXXXXX.
create unique index users_phone_key on users (phone) where phone is not null;
