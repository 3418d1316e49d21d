-- Surveys answered per respondent (issue 13; postgres dialect, the same tables as the other folder's V0009).
-- Never edit after release.
--
-- A survey definition says which columns of a respondent file are attributes (subgroup dimensions)
-- and which questions, with which answer categories, give which survey indicator; kept as the JSON
-- it was given in, since it is read whole and never queried by its parts.
CREATE TABLE survey_definitions (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    definition TEXT NOT NULL
);

-- Respondents are kept apart from indicator data and no route returns them: only their aggregates
-- leave the service, as ordinary observations of an import batch. A file replaces the respondents
-- of each area and wave it holds, so a corrected file is imported again whole.
CREATE TABLE survey_respondents (
    survey_code   TEXT NOT NULL REFERENCES survey_definitions (code),
    scope_code    TEXT NOT NULL REFERENCES scopes (code),
    wave          TEXT NOT NULL,   -- the period as text (2023, 2023K2)
    respondent_id TEXT NOT NULL,
    attributes    TEXT NOT NULL,   -- JSON object: dimension code -> value code
    answers       TEXT NOT NULL,   -- JSON object: question column -> answer as given
    PRIMARY KEY (survey_code, scope_code, wave, respondent_id)
);
