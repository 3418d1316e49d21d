-- A personal sign-in link may be for one steering group (styregruppe): the person reads the
-- dashboard as a viewer and may report the activities of that group's sub-agreements, nothing
-- else (issue: the chain of steering). Null = an ordinary link. Never edit after release.
ALTER TABLE sign_in_links ADD COLUMN steering_group TEXT;
