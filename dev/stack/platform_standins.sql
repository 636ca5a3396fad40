-- Local stand-ins for two Supabase platform extensions, with the same SQL interface, so that
-- ra_private.invoke_function and the schedules work on a plain PostgreSQL:
--   pg_net  net.http_post, net.http_request_queue, net._http_response
--           (dev/stack/net_worker.ts performs the queued requests, like pg_net's worker)
--   Vault   vault.create_secret, vault.update_secret, vault.secrets, vault.decrypted_secrets
--           (secrets are stored in plain text: local use only)
-- Each part is skipped where the real extension is installed. Never put this in
-- supabase/migrations. Idempotent; dev/stack/standins.ts runs it in one transaction.

-- Two installers at once would race on `create schema`; the lock ends with the transaction.
select pg_advisory_xact_lock(hashtext('ra_platform_standins'));

do $install$
declare
  api_role text;
begin
  if exists (select 1 from pg_extension where extname = 'pg_net') then
    raise notice 'pg_net is installed: its stand-in is skipped';
    return;
  end if;

  create schema if not exists net;
  comment on schema net is 'Stand-in for pg_net (dev/stack/platform_standins.sql)';

  -- Pending requests; the worker deletes each one as it takes it.
  create unlogged table if not exists net.http_request_queue (
    id bigserial,
    method text not null check (upper(method) in ('GET', 'POST', 'DELETE')),
    url text not null,
    headers jsonb,
    body bytea,
    timeout_milliseconds integer not null
  );

  -- One row per finished request, under the request's id.
  create unlogged table if not exists net._http_response (
    id bigint,
    status_code integer,
    content_type text,
    headers jsonb,
    content text,
    timed_out boolean,
    error_msg text,
    created timestamptz not null default now()
  );
  create index if not exists _http_response_created_idx on net._http_response (created);

  create or replace function net._urlencode_string(string text)
  returns text
  language sql
  immutable
  strict
  set search_path = ''
  as $fn$
    select coalesce(string_agg(
      case
        when b between 48 and 57 or b between 65 and 90 or b between 97 and 122
          or b in (45, 46, 95, 126) then chr(b)
        else '%' || upper(lpad(to_hex(b), 2, '0'))
      end, '' order by i), '')
    from (
      select i, get_byte(convert_to(_urlencode_string.string, 'UTF8'), i) as b
      from generate_series(0, octet_length(convert_to(_urlencode_string.string, 'UTF8')) - 1) as i
    ) as bytes
  $fn$;

  create or replace function net.http_post(
    url text,
    body jsonb default '{}'::jsonb,
    params jsonb default '{}'::jsonb,
    headers jsonb default '{"Content-Type": "application/json"}'::jsonb,
    timeout_milliseconds integer default 5000
  )
  returns bigint
  language plpgsql
  security definer
  set search_path = ''
  as $fn$
  declare
    content_type text;
    query text;
    request_id bigint;
  begin
    -- Same rules as pg_net: the body is JSON, the content type defaults to it.
    select h.value into content_type
    from jsonb_each_text(coalesce(http_post.headers, '{}'::jsonb)) as h(key, value)
    where lower(h.key) = 'content-type'
    limit 1;
    if content_type is null then
      http_post.headers := coalesce(http_post.headers, '{}'::jsonb)
        || '{"Content-Type": "application/json"}'::jsonb;
    elsif content_type <> 'application/json' then
      raise exception 'Content-Type header must be "application/json"';
    end if;

    select string_agg(net._urlencode_string(p.key) || '=' || net._urlencode_string(p.value), '&')
    into query
    from jsonb_each_text(coalesce(http_post.params, '{}'::jsonb)) as p(key, value);

    insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
    values (
      'POST',
      case
        when query is null then http_post.url
        when position('?' in http_post.url) > 0 then http_post.url || '&' || query
        else http_post.url || '?' || query
      end,
      http_post.headers,
      convert_to(http_post.body::text, 'UTF8'),
      http_post.timeout_milliseconds
    )
    returning id into request_id;
    return request_id;
  end;
  $fn$;
  comment on function net.http_post(text, jsonb, jsonb, jsonb, integer) is
    'Stand-in for pg_net: queues a POST; dev/stack/net_worker.ts sends it.';

  -- What Supabase grants (its grant_pg_net_access event trigger): the API roles may use the
  -- schema and queue requests through http_post, which runs as its owner; the queue and the
  -- responses, whose headers carry the function key, stay with the owner.
  revoke all on schema net from public;
  revoke all on all tables in schema net from public;
  revoke all on all sequences in schema net from public;
  revoke all on function net.http_post(text, jsonb, jsonb, jsonb, integer) from public;
  for api_role in
    select rolname from pg_roles where rolname in ('anon', 'authenticated', 'service_role')
  loop
    execute format('grant usage on schema net to %I', api_role);
    execute format(
      'grant execute on function net.http_post(text, jsonb, jsonb, jsonb, integer) to %I',
      api_role);
  end loop;
end
$install$;

do $install$
begin
  if exists (select 1 from pg_extension where extname = 'supabase_vault') then
    raise notice 'Vault is installed: its stand-in is skipped';
    return;
  end if;

  create schema if not exists vault;
  comment on schema vault is 'Stand-in for Supabase Vault (dev/stack/platform_standins.sql)';

  create table if not exists vault.secrets (
    id uuid primary key default gen_random_uuid(),
    name text,
    description text not null default '',
    secret text not null,
    key_id uuid,
    nonce bytea,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp
  );
  create unique index if not exists secrets_name_idx on vault.secrets (name) where name is not null;

  -- Vault decrypts here; the stand-in stores the secret as it is.
  create or replace view vault.decrypted_secrets as
  select s.id, s.name, s.description, s.secret, s.secret as decrypted_secret, s.key_id, s.nonce,
    s.created_at, s.updated_at
  from vault.secrets s;

  create or replace function vault.create_secret(
    new_secret text,
    new_name text default null,
    new_description text default '',
    new_key_id uuid default null
  )
  returns uuid
  language sql
  security definer
  set search_path = ''
  as $fn$
    insert into vault.secrets (secret, name, description, key_id)
    values (create_secret.new_secret, create_secret.new_name,
      coalesce(create_secret.new_description, ''), create_secret.new_key_id)
    returning id;
  $fn$;

  create or replace function vault.update_secret(
    secret_id uuid,
    new_secret text default null,
    new_name text default null,
    new_description text default null,
    new_key_id uuid default null
  )
  returns void
  language sql
  security definer
  set search_path = ''
  as $fn$
    update vault.secrets s
    set secret = coalesce(update_secret.new_secret, s.secret),
      name = coalesce(update_secret.new_name, s.name),
      description = coalesce(update_secret.new_description, s.description),
      key_id = coalesce(update_secret.new_key_id, s.key_id),
      updated_at = now()
    where s.id = update_secret.secret_id;
  $fn$;

  -- What Supabase grants: the owner (postgres here) and service_role read, delete, create and
  -- update secrets; anon and authenticated, like every other role, get nothing.
  revoke all on schema vault from public;
  revoke all on all tables in schema vault from public;
  revoke all on function vault.create_secret(text, text, text, uuid) from public;
  revoke all on function vault.update_secret(uuid, text, text, text, uuid) from public;
  if exists (select 1 from pg_roles where rolname = 'service_role') then
    grant usage on schema vault to service_role;
    grant select, delete on vault.secrets, vault.decrypted_secrets to service_role;
    grant execute on function vault.create_secret(text, text, text, uuid),
      vault.update_secret(uuid, text, text, text, uuid) to service_role;
  end if;
end
$install$;
