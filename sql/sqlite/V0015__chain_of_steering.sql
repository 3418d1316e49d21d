-- The chain of steering (sqlite dialect; the same tables as sql/postgres/V0015). Never edit after release.
--
-- The handbook's styringsstreng: one sub-agreement (delaftale) per focus area of a plan, owned by a
-- steering group and serving some of the plan's goals and sub-goals; under it the activities
-- (aktiviteter). An activity is never updated in place: every change adds a version with who made
-- it and from when it holds, so asOf shows the activities as they stood and the board can see who
-- reported a delay. Milestones, budget years and process-measure indicator codes travel with the
-- version as JSON, because they are always read and written together with it.
CREATE TABLE sub_agreements (
    id             INTEGER PRIMARY KEY,
    plan_id        INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    focus_area     TEXT,
    steering_group TEXT NOT NULL,
    period         TEXT NOT NULL,             -- e.g. 2023-2026
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE sub_agreement_goals (
    sub_agreement_id INTEGER NOT NULL REFERENCES sub_agreements (id) ON DELETE CASCADE,
    goal_id          INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    PRIMARY KEY (sub_agreement_id, goal_id)
);

CREATE TABLE activities (
    id               INTEGER PRIMARY KEY,
    sub_agreement_id INTEGER NOT NULL REFERENCES sub_agreements (id) ON DELETE CASCADE,
    created_at       TEXT NOT NULL
);

CREATE TABLE activity_versions (
    id              INTEGER PRIMARY KEY,
    activity_id     INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    valid_from      TEXT NOT NULL,             -- ISO 8601 UTC; the version holds until the next one
    changed_by      TEXT NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT,
    partner         TEXT NOT NULL,
    start_date      TEXT NOT NULL,             -- yyyy-MM-dd
    end_date        TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('planlagt', 'i_gang', 'forsinket', 'afsluttet', 'stoppet')),
    milestones      TEXT NOT NULL DEFAULT '[]',
    budget          TEXT NOT NULL DEFAULT '[]',
    indicator_codes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX activity_versions_by_activity ON activity_versions (activity_id, valid_from);

-- What the secretariat did with a proposed matter for the board: confirmed (then it is a decision
-- comment, kept here so the proposal is not offered again) or dismissed.
CREATE TABLE chain_proposal_decisions (
    plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    proposal_key TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('confirmed', 'dismissed')),
    comment_id   INTEGER REFERENCES comments (id) ON DELETE SET NULL,
    decided_by   TEXT NOT NULL,
    decided_at   TEXT NOT NULL,
    PRIMARY KEY (plan_id, proposal_key)
);
