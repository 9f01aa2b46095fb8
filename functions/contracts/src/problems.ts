/**
 * Every problem the API answers with: its stable `code` (DESIGN.md §4) and the HTTP status it
 * always comes with. Answers are `application/problem+json` (RFC 9457) carrying the code; a
 * client switches on the code, never on the wording. Handlers name a code, and the status
 * follows from here.
 */
export const PROBLEMS = {
  // The request cannot be read or is not what the route takes.
  malformed_request: 400,
  invalid_request: 400,
  invalid_cloudevent: 400,
  invalid_event_data: 400,
  invalid_shipment_event: 400,
  wrong_event_type: 400,
  invalid_ping: 400,
  ping_from_the_future: 400,
  ping_too_old: 400,
  reason_required: 400,
  vehicle_required: 400,
  malformed_csv: 400,
  // Who is asking: missing, wrong or expired credentials.
  missing_token: 401,
  invalid_token: 401,
  invalid_credentials: 401,
  invalid_refresh_token: 401,
  // A session whose account an admin disabled: the client says so instead of a bare sign-in.
  account_disabled: 401,
  invalid_metrics_token: 401,
  invalid_broker_token: 401,
  // Known, and not allowed this.
  forbidden_role: 403,
  forbidden_field: 403,
  forbidden_transition: 403,
  not_a_driver: 403,
  not_your_location: 403,
  not_your_route: 403,
  loopback_only: 403,
  // Nothing there.
  route_not_found: 404,
  shipment_not_found: 404,
  tracking_number_not_found: 404,
  driver_not_found: 404,
  user_not_found: 404,
  dead_letter_not_found: 404,
  webhook_not_found: 404,
  webhook_delivery_not_found: 404,
  local_login_disabled: 404,
  method_not_allowed: 405,
  // The state of things says no.
  invalid_transition: 409,
  already_assigned: 409,
  not_claimable: 409,
  not_reassignable: 409,
  driver_off_duty: 409,
  email_taken: 409,
  driver_role_fixed: 409,
  // No change may leave the shop without an enabled admin to undo it.
  last_admin: 409,
  // Firebase keeps passwords; its own reset email is the way there.
  passwords_managed_by_firebase: 409,
  reference_taken: 409,
  message_in_flight: 409,
  webhook_in_flight: 409,
  not_editable: 409,
  not_deliverable: 409,
  // RFC 9110 would answer a failed If-Match with 412; issue 18 asks for 409 by version.
  version_conflict: 409,
  body_too_large: 413,
  batch_too_large: 413,
  too_many_rows: 413,
  unsupported_media_type: 415,
  csv_not_utf8: 415,
  unknown_customer: 422,
  unknown_csv_columns: 422,
  missing_csv_columns: 422,
  empty_csv: 422,
  unknown_driver: 422,
  // The proof fits the document, and names files that are not there, not this parcel's, or
  // is missing what its own fields ask for (left at the door without a photo).
  invalid_proof: 422,
  idempotency_key_reused: 422,
  // An endpoint URL this server will not send to: not https, or not on the internet (SSRF).
  webhook_url_refused: 422,
  // RFC 6585: an edit must say which version it was made from (If-Match).
  precondition_required: 428,
  rate_limited: 429,
  // Ours: try again, most with Retry-After.
  internal_error: 500,
  message_not_sent: 502,
  // A webhook endpoint did not take an event: the broker delivers it again to those that failed.
  webhook_not_delivered: 502,
  database_unavailable: 503,
  redis_unavailable: 503,
  broker_unavailable: 503,
  history_unavailable: 503,
  location_store_unavailable: 503,
  push_unavailable: 503,
  not_ready: 503,
  shutting_down: 503,
  // No geocoder configured or reachable: addresses still go on by map click or coordinates.
  geocoder_unavailable: 503,
  // More lookups waiting for the geocoder's request budget than a typist would wait for.
  geocoder_busy: 503,
} as const

export type ProblemCode = keyof typeof PROBLEMS
