-- Addresses found by the geocoder (issue 18). Answers are kept by their normalised query
-- (lower case, accents and punctuation dropped, spaces collapsed) until expires_at: the
-- public Nominatim asks clients to cache, and a dispatcher typing the same street twice
-- should not wait for the one-request-a-second budget again.
create table geocode_answers (
  kind text not null check (kind in ('search', 'reverse')),
  query_key text not null,
  places jsonb not null,
  fetched_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (kind, query_key)
);

create index geocode_answers_expires_at_idx on geocode_answers (expires_at);

-- Places the shop knows without asking anyone (the demo seed's streets, an operator's list):
-- suggested to staff as they type, with or without a geocoder. search_text is the label
-- normalised as queries are, so a query's words are matched with like.
create table known_places (
  label text primary key,
  search_text text not null,
  lat double precision not null check (lat between -90 and 90),
  lng double precision not null check (lng between -180 and 180),
  created_at timestamptz not null default now()
);
