-- The feed without a lock held through COMMIT (issue 23). 0011's vm_complete_response took the
-- study's feed:<study> advisory lock for its response_feed row and held it through its COMMIT and
-- the WAL fsync, so every completion of a study waited for the one before to commit. Now a
-- finishing transaction gives its feed row a PENDING place, a negative seq (minus the next value
-- of vm_feed_pending: unique, no lock), which no reader's cursor (since >= 0) ever reaches; the
-- reader (db/queries/response-feed.ts's listFeedPage) first calls vm_feed_sequence, which under
-- feed:<study> turns the study's COMMITTED pending rows into the next places (1, 2, ... after the
-- highest), in the order their pending numbers were taken, and commits. A place is thus given
-- only after its response committed, under the lock held through the sequencer's commit: a
-- response that commits late gets a place after every place a reader has already seen, so paging
-- by `since` never skips it (the guarantee of schema.ts's response_feed). SQLite is unchanged.

CREATE SEQUENCE IF NOT EXISTS vm_feed_pending AS integer;
--> statement-breakpoint

-- A pending place in the feed: minus the next value of vm_feed_pending.
CREATE OR REPLACE FUNCTION vm_feed_pending_seq() RETURNS integer
LANGUAGE sql AS $fn$
  SELECT -nextval('vm_feed_pending')::integer
$fn$;
--> statement-breakpoint

-- The study's committed pending feed rows get their places, under feed:<study> (held through this
-- transaction's commit, as recordFinishedResponse's lock on SQLite). Answers how many. Nothing
-- pending: no lock, nothing written.
CREATE OR REPLACE FUNCTION vm_feed_sequence(p_study integer) RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  base integer;
  n integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM response_feed WHERE study_id = p_study AND seq < 0) THEN RETURN 0; END IF;
  PERFORM pg_advisory_xact_lock(vm_advisory_key('feed:' || p_study));
  SELECT coalesce(max(seq), 0) INTO base FROM response_feed WHERE study_id = p_study AND seq > 0;
  UPDATE response_feed f SET seq = base + p.rn
  FROM (SELECT response_id, row_number() OVER (ORDER BY seq DESC) AS rn FROM response_feed WHERE study_id = p_study AND seq < 0) p
  WHERE f.response_id = p.response_id AND f.seq < 0;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$fn$;
--> statement-breakpoint

-- 0011's completion, the feed row pending instead of placed under feed:<study>.
CREATE OR REPLACE FUNCTION vm_complete_response(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $fn$
DECLARE
  caps jsonb := p->'caps';
  result jsonb := p->'result';
  now_ms bigint := (p->>'now')::bigint;
  v_study integer;
  cur responses;
  finished integer;
  has_complete boolean := false;
  cap integer;
  hits integer;
  v_status text := result->>'status';
  v_reason text := CASE WHEN result->>'status' = 'screened_out' THEN 'screening' END;
  is_full boolean := false;
  changed integer;
  v_order text[];
  v_event text;
  payload text;
  cell record;
BEGIN
  IF caps IS NOT NULL AND jsonb_typeof(caps) = 'object' THEN
    cap := (caps->>'deviceCap')::integer;
    SELECT
      (SELECT count(*)::integer FROM (SELECT 1 FROM responses r JOIN questionnaires q ON q.id = r.questionnaire_id
         WHERE r.device_id = caps->>'deviceId' AND q.study_id = (caps->>'studyId')::integer AND r.status <> 'draft' AND r.invitation_id IS NULL
         LIMIT greatest(0, cap)) f),
      EXISTS (SELECT 1 FROM responses r JOIN questionnaires q ON q.id = r.questionnaire_id
         WHERE r.device_id = caps->>'deviceId' AND q.study_id = (caps->>'studyId')::integer AND r.status = 'complete' AND r.invitation_id IS NULL)
    INTO finished, has_complete;
    IF (caps->>'onePerDevice')::boolean AND has_complete THEN RETURN jsonb_build_object('outcome', 'onePerDevice'); END IF;
    IF cap > 0 AND finished >= cap THEN RETURN jsonb_build_object('outcome', 'deviceCap'); END IF;
    IF caps->>'addressKey' IS NOT NULL THEN
      INSERT INTO rate_limit_windows (key, window_start, hits) VALUES (caps->>'addressKey', (caps->>'addressWindowStart')::bigint, 1)
      ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
      RETURNING rate_limit_windows.hits INTO hits;
      IF hits > (caps->>'addressLimit')::integer THEN RETURN jsonb_build_object('outcome', 'addressCap'); END IF;
    END IF;
  END IF;

  cur := vm_start_response(p);
  IF cur.questionnaire_id <> (p->>'questionnaireId')::integer OR cur.status <> 'draft' THEN
    RETURN jsonb_build_object('outcome', CASE WHEN cur.questionnaire_id <> (p->>'questionnaireId')::integer THEN 'other-questionnaire' ELSE 'already-finished' END,
      'status', cur.status, 'screenReason', cur.screen_reason, 'respondentRef', cur.respondent_ref);
  END IF;
  SELECT q.study_id INTO v_study FROM questionnaires q WHERE q.id = cur.questionnaire_id;

  -- fullQuotaCells: the cells this profile falls in, counted under the study's quota lock.
  IF v_status = 'complete' AND EXISTS (
    SELECT 1 FROM quotas qu JOIN jsonb_to_recordset(coalesce(result->'profile', '[]')) pr(question text, value text)
      ON pr.question = qu.question_code AND pr.value = qu.value WHERE qu.study_id = v_study
  ) THEN
    PERFORM pg_advisory_xact_lock(vm_advisory_key('quota:' || v_study));
    SELECT EXISTS (
      SELECT 1 FROM quotas qu JOIN jsonb_to_recordset(coalesce(result->'profile', '[]')) pr(question text, value text)
        ON pr.question = qu.question_code AND pr.value = qu.value
      WHERE qu.study_id = v_study AND qu.target <= (
        SELECT count(*) FROM responses r
        JOIN questionnaires qn ON qn.id = r.questionnaire_id
        JOIN response_profile rp ON rp.response_id = r.id
        WHERE qn.study_id = v_study AND r.status = 'complete'
          AND (r.review = 'include' OR (r.review IS NULL AND coalesce(r.completion_flags, '') = ''))
          AND rp.question_code = qu.question_code AND rp.value = qu.value)
    ) INTO is_full;
    IF is_full THEN
      v_status := 'screened_out';
      v_reason := 'quota_full';
    END IF;
  END IF;

  -- finishDraft: a concurrent completion of the same response that won leaves this one nothing to do.
  UPDATE responses SET status = v_status, screen_reason = v_reason, answers_json = p->>'answersJson',
    quality_share = (result->>'qualityShare')::double precision, locale = p->>'locale', updated_at = now_ms, completed_at = now_ms,
    min_duration_ms = (p->>'minDurationMs')::bigint,
    completion_flags = CASE WHEN has_complete THEN p->>'completionFlagsDuplicate' ELSE p->>'completionFlags' END
  WHERE id = cur.id AND responses.status = 'draft';
  GET DIAGNOSTICS changed = ROW_COUNT;
  IF changed <> 1 THEN
    SELECT * INTO cur FROM responses WHERE id = cur.id;
    RETURN jsonb_build_object('outcome', 'already-finished', 'status', cur.status, 'screenReason', cur.screen_reason, 'respondentRef', cur.respondent_ref);
  END IF;

  INSERT INTO response_ratings (response_id, offer_code, attribute_code, score)
    SELECT cur.id, x.offer, x.attribute, x.score FROM jsonb_to_recordset(coalesce(result->'ratings', '[]')) x(offer text, attribute text, score integer);
  INSERT INTO response_weights (response_id, attribute_code, weight)
    SELECT cur.id, x.attribute, x.weight FROM jsonb_to_recordset(coalesce(result->'weights', '[]')) x(attribute text, weight double precision);
  v_order := ARRAY(SELECT jsonb_array_elements_text(cur.offer_order::jsonb));
  INSERT INTO response_offers (response_id, offer_code, position, known, worth, overall, chose, considered)
    SELECT cur.id, x.offer, coalesce(array_position(v_order, x.offer) - 1, 0), x.known, x.worth, x.overall, x.chose, x.considered
    FROM jsonb_to_recordset(coalesce(result->'offers', '[]')) x(offer text, known boolean, worth integer, overall integer, chose boolean, considered boolean);
  INSERT INTO response_profile (response_id, question_code, value)
    SELECT cur.id, x.question, x.value FROM jsonb_to_recordset(coalesce(result->'profile', '[]')) x(question text, value text);
  -- insertMethodAnswers: the MaxDiff items come as the JSON text the TypeScript code stores.
  INSERT INTO response_maxdiff (response_id, kind, task, items_json, best, worst)
    SELECT cur.id, x.kind, x.task, x."itemsJson", x.best, x.worst
    FROM jsonb_to_recordset(coalesce(p->'maxDiff', '[]')) x(kind text, task integer, "itemsJson" text, best text, worst text);
  IF jsonb_typeof(result->'prices') = 'object' THEN
    INSERT INTO response_prices (response_id, too_cheap, cheap, expensive, too_expensive, likelihood_cheap, likelihood_expensive)
    SELECT cur.id, x."tooCheap", x.cheap, x.expensive, x."tooExpensive", x."likelihoodCheap", x."likelihoodExpensive"
    FROM jsonb_to_record(result->'prices') x("tooCheap" double precision, cheap double precision, expensive double precision,
      "tooExpensive" double precision, "likelihoodCheap" integer, "likelihoodExpensive" integer);
  END IF;
  INSERT INTO response_gabor_granger (response_id, price, buy)
    SELECT cur.id, x.price, x.buy FROM jsonb_to_recordset(coalesce(result->'ladder', '[]')) x(price double precision, buy boolean);

  -- recordFinishedResponse: the feed's pending place (no lock: vm_feed_sequence gives it its
  -- place once committed), then the webhook outbox.
  INSERT INTO response_feed (study_id, seq, response_id) VALUES (v_study, vm_feed_pending_seq(), cur.id)
  ON CONFLICT DO NOTHING;
  v_event := CASE WHEN v_status = 'complete' THEN 'response.completed' ELSE 'response.screened_out' END;
  IF EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.study_id = v_study AND v_event = ANY (string_to_array(e.events, ','))) THEN
    payload := vm_webhook_payload(v_event, p->>'createdAt', v_study,
      '{"responseId":' || cur.id || ',"status":' || to_json(v_status)::text || ',"screenReason":' || coalesce(to_json(v_reason)::text, 'null')
      || ',"rid":' || coalesce(to_json(cur.respondent_ref)::text, 'null') || ',"test":' || (cur.origin = 'test')::text
      || ',"imported":' || (cur.origin = 'imported')::text
      || ',"stage":' || to_json(CASE WHEN (SELECT q.stage FROM questionnaires q WHERE q.id = cur.questionnaire_id) = 'focus_group' THEN 'focus_group' ELSE 'rating' END)::text
      || ',"wave":' || cur.wave || ',"completedAt":' || to_json(p->>'createdAt')::text || '}');
    INSERT INTO webhook_deliveries (endpoint_id, event, dedupe_key, payload_json, next_attempt_at, created_at)
      SELECT e.id, v_event, NULL, payload, now_ms, now_ms FROM webhook_endpoints e
      WHERE e.study_id = v_study AND v_event = ANY (string_to_array(e.events, ','))
    ON CONFLICT DO NOTHING;
  END IF;
  IF v_status = 'complete' AND EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.study_id = v_study AND 'quota.full' = ANY (string_to_array(e.events, ','))) THEN
    FOR cell IN
      SELECT qu.id, qu.question_code, qu.value, qu.target FROM quotas qu
      JOIN response_profile mine ON mine.response_id = cur.id AND mine.question_code = qu.question_code AND mine.value = qu.value
      WHERE qu.study_id = v_study AND qu.target = (
        SELECT count(*)::integer FROM responses r
        JOIN questionnaires qn ON qn.id = r.questionnaire_id
        JOIN response_profile rp ON rp.response_id = r.id
        WHERE qn.study_id = v_study AND r.status = 'complete' AND (r.review IS NULL OR r.review <> 'exclude')
          AND rp.question_code = qu.question_code AND rp.value = qu.value)
    LOOP
      payload := vm_webhook_payload('quota.full', p->>'createdAt', v_study,
        '{"quota":{"id":' || cell.id || ',"question":' || to_json(cell.question_code)::text || ',"value":' || to_json(cell.value)::text
        || ',"target":' || cell.target || '},"responseId":' || cur.id || '}');
      INSERT INTO webhook_deliveries (endpoint_id, event, dedupe_key, payload_json, next_attempt_at, created_at)
        SELECT e.id, 'quota.full', 'quota.full:' || cell.id || ':' || cell.target, payload, now_ms, now_ms FROM webhook_endpoints e
        WHERE e.study_id = v_study AND 'quota.full' = ANY (string_to_array(e.events, ','))
      ON CONFLICT DO NOTHING;
    END LOOP;
  END IF;
  RETURN jsonb_build_object('outcome', 'completed', 'status', v_status, 'screenReason', v_reason, 'respondentRef', cur.respondent_ref);
END
$fn$;
