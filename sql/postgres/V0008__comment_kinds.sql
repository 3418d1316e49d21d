-- Comment kinds (postgres dialect; the same columns as the other folder's V0008).
-- Never edit after release.
--
-- The handbook wants board time spent on matters that need the board's action: a secretariat
-- comment is either a note (context beside the numbers) or a decision the board is asked to take
-- ("Bestyrelsen bedes ..."), typed as the handbook types them: strategisk (the activities do not
-- move us toward the goals), samarbejde (a partner does not deliver), prioritering (resources).
-- Existing comments are notes. decision_type is set exactly when kind = 'decision' (checked in
-- CommentStore, since SQLite cannot add a table constraint to an existing table).
ALTER TABLE comments ADD COLUMN kind TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'decision'));
ALTER TABLE comments ADD COLUMN decision_type TEXT CHECK (decision_type IN ('strategisk', 'samarbejde', 'prioritering'));
