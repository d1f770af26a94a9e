
use builtin;
use str;

set edit:completion:arg-completer[nxcdp] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'nxcdp'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'nxcdp'= {
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand api 'Send a signed request to any NXCloud endpoint and print the answer'
            cand sandbox 'Run a local emulator of the CDP API (no account needed)'
            cand config 'Show and change the config file''s profiles'
            cand doctor 'Check everything between this machine and the API, step by step'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff), or write one per command into a directory'
            cand customers 'Query, get, export, import and watch customers, and list their fields'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'nxcdp;api'= {
            cand -X 'HTTP method [default: POST with fields or --input, else GET]'
            cand --method 'HTTP method [default: POST with fields or --input, else GET]'
            cand -f 'A string field, KEY=VALUE: a key of the JSON body, or of the query string of a GET (repeatable). A VALUE that is exactly {tenant_id} or {app_key} is the configured value with its type (a number, a string), with -f and -F alike; inside a longer value, its text'
            cand --raw-field 'A string field, KEY=VALUE: a key of the JSON body, or of the query string of a GET (repeatable). A VALUE that is exactly {tenant_id} or {app_key} is the configured value with its type (a number, a string), with -f and -F alike; inside a longer value, its text'
            cand -F 'A typed field, KEY=JSON: 2, true, null, [1,2], {"a":1}, "text" (repeatable; after the -f fields in the body)'
            cand --field 'A typed field, KEY=JSON: 2, true, null, [1,2], {"a":1}, "text" (repeatable; after the -f fields in the body)'
            cand --input 'The request body, sent and signed byte for byte: a file, or - for stdin (fields then go to the query string)'
            cand --biz-type 'The product''s bizType header, digits (2: the CDP; see the vendor''s API pages for others)'
            cand --action 'The product''s action header (mt: the CDP)'
            cand -H 'An extra header, "Name: value" (repeatable); the signed headers are nxcdp''s'
            cand --header 'An extra header, "Name: value" (repeatable); the signed headers are nxcdp''s'
            cand --sign-algorithm 'Hash for the request signature'
            cand --timeout 'Seconds to wait for each response'
            cand --retries 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none'
            cand --rate 'At most N requests per second, for all requests of the run together (your quota)'
            cand --base-url 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]'
            cand --region 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]'
            cand --ca-cert 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]'
            cand --access-key 'Access key [env: NXCDP_ACCESS_KEY]'
            cand --access-secret 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]'
            cand --access-secret-file 'Read the access secret from this file ("-" for stdin)'
            cand --tenant-id 'Tenant id [env: NXCDP_TENANT_ID]'
            cand --app-key 'App key [env: NXCDP_APP_KEY]'
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand --sandbox 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
            cand -v 'Print each request and response to stderr; twice adds headers and bodies'
            cand --verbose 'Print each request and response to stderr; twice adds headers and bodies'
            cand --dry-run 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
            cand --curl 'Print the first request as a curl command line instead of sending it'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nxcdp;sandbox'= {
            cand --port 'Port to listen on, on 127.0.0.1; 0 picks a free one'
            cand --customers 'How many customers to generate (at most 10 000 000), each made when a page asks for it: any number starts at once and takes no memory'
            cand --seed 'Seed for the generated data: the same seed gives the same customers'
            cand --as-of 'Generate the customers as of this RFC 3339 time (created in the two years before it) instead of as of the start: sandboxes with the same seed and --as-of serve the very same data, created_at included'
            cand --access-key 'Access key the sandbox accepts'
            cand --access-secret 'Access secret the sandbox verifies signatures with (not a real secret)'
            cand --tenant-id 'Tenant id the sandbox serves'
            cand --app-key 'App key the sandbox serves'
            cand --latency-ms 'Delay every response by this many milliseconds, to study paging over a slow network (at most 600000: ten minutes)'
            cand --arrivals 'Create customers while running, RATE a second on average at random moments, with ids and created_at of the moment'
            cand --arrival-burst 'Now and then (every 1 to 5 s, drawn from --seed) create N customers at once, in one millisecond with consecutive ids, as a bulk import does (source_type 2)'
            cand --late 'Make this share (0 to 1) of new customers (arrivals and batch_create) visible to queries only 1 to 4 s after they were created, while customers with larger ids already are'
            cand --refuse-names 'Refuse with 1002 any batch_create batch that holds a customer whose full_name contains TEXT: a rule only the server knows'
            cand --log 'Write one JSON line per customer created (arrivals and batch_create) to FILE, created anew: id, created_at, created_ms, visible_ms, late, by. Each line is written before its customer is visible'
            cand --shape 'Where the customers'' creation times fall: even (spread over the two years), burst (90% in one bulk import of an hour, two thirds of the way), bursts (90% in three bulk imports of an hour, at a quarter, half and three quarters of the way), growth (each month 19% more than the month before: the last year holds 89%), tail (90% in the last month). Imported customers have source_type 2 (excel import)'
            cand --burst 'Create this share of the customers (0 to 1) within one hour, as a bulk import two thirds of the way through the two years; the rest trickle in over the two years. Imported customers have source_type 2 (excel import)'
            cand --time-jitter 'Move each customer''s created_at off its id''s time by a random amount of up to SECS, either way (drawn from --seed), so that created_at no longer sorts like id'
            cand --fail-first 'Answer the first N requests with --fail-status'
            cand --fail-rate 'Answer this share of requests (0 to 1, drawn from --seed) with --fail-status'
            cand --fail-status 'HTTP status of injected failures (100 to 599)'
            cand --retry-after 'Send `Retry-After: SECS` with injected failures'
            cand --rate-limit 'Allow at most N requests a second, shared by all connections (a token bucket of N refilled at N a second); beyond it answer HTTP 429 with `Retry-After` (whole seconds until a token is free, at least 1) and a JSON body with code 429, before reading the request (a throttled request does not count for --fail-first, --stall-first or --garbage-after)'
            cand --redirect-to 'Answer every request to the API (query and fields) with `307 Temporary Redirect` and an empty body. `Location` is URL with the request''s path and query appended when URL has no path (nothing or `/` after the host), else URL as given'
            cand --drop-rate 'Drop this share of connections in the middle of the response (0 to 1)'
            cand --stall-first 'Hold the first N requests for --stall-ms before answering (to cause client timeouts)'
            cand --stall-ms 'How long a stalled request is held (at most 600000: ten minutes)'
            cand --clock-skew-secs 'Set the sandbox''s clock off by this many seconds (its `ts` check and `Date` header), at most ten years either way'
            cand --garbage 'Answer queries with this kind of garbage, after the first --garbage-after requests'
            cand --garbage-after 'Requests answered normally before --garbage starts'
            cand --overfill 'Send N customers more than a query asks for, with the cursor after the last one sent'
            cand --tls-cert 'Serve HTTPS with this certificate chain (PEM, the leaf first) instead of a generated one'
            cand --tls-key 'The private key (PEM) of --tls-cert'
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand --retry-after-date 'Send every `Retry-After` (of --retry-after and of --rate-limit) as an HTTP date that many seconds ahead, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`, instead of a number of seconds'
            cand --repeat-cursor 'Send, from the second page on, a `paging.next` equal to the cursor just used'
            cand --empty-next 'Send, from the second page on, an empty page that claims a next one'
            cand --wrong-way-cursor 'Send, from the second page on, a `paging.next` one above the `after` just used: a cursor that goes the wrong way (newer) and never repeats'
            cand --repeat-customers 'Start every page after the first with the last customer of the page before (a repeat)'
            cand --tls 'Serve HTTPS, with a certificate for 127.0.0.1 and localhost from a CA made at start; prints the CA''s path as NXCDP_CA_CERT'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nxcdp;config'= {
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand path 'Print the config file''s path'
            cand list 'Print the profile''s values (the secret masked) and the base URL in use'
            cand get 'Print one value of the profile (base_url: the region''s when a region is set)'
            cand set 'Set one value of the profile, creating the file (mode 0600) if needed'
            cand profiles 'List the profiles in the file'
            cand init 'Ask for the region and the credentials, checking each answer (piped: one line each)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'nxcdp;config;path'= {
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'nxcdp;config;list'= {
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'nxcdp;config;get'= {
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'nxcdp;config;set'= {
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'nxcdp;config;profiles'= {
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'nxcdp;config;init'= {
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'nxcdp;config;help'= {
            cand path 'Print the config file''s path'
            cand list 'Print the profile''s values (the secret masked) and the base URL in use'
            cand get 'Print one value of the profile (base_url: the region''s when a region is set)'
            cand set 'Set one value of the profile, creating the file (mode 0600) if needed'
            cand profiles 'List the profiles in the file'
            cand init 'Ask for the region and the credentials, checking each answer (piped: one line each)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'nxcdp;config;help;path'= {
        }
        &'nxcdp;config;help;list'= {
        }
        &'nxcdp;config;help;get'= {
        }
        &'nxcdp;config;help;set'= {
        }
        &'nxcdp;config;help;profiles'= {
        }
        &'nxcdp;config;help;init'= {
        }
        &'nxcdp;config;help;help'= {
        }
        &'nxcdp;doctor'= {
            cand --sign-algorithm 'Hash for the request signature'
            cand --timeout 'Seconds to wait for each response'
            cand --retries 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none'
            cand --rate 'At most N requests per second, for all requests of the run together (your quota)'
            cand --base-url 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]'
            cand --region 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]'
            cand --ca-cert 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]'
            cand --access-key 'Access key [env: NXCDP_ACCESS_KEY]'
            cand --access-secret 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]'
            cand --access-secret-file 'Read the access secret from this file ("-" for stdin)'
            cand --tenant-id 'Tenant id [env: NXCDP_TENANT_ID]'
            cand --app-key 'App key [env: NXCDP_APP_KEY]'
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand --sandbox 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
            cand -v 'Print each request and response to stderr; twice adds headers and bodies'
            cand --verbose 'Print each request and response to stderr; twice adds headers and bodies'
            cand --dry-run 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
            cand --curl 'Print the first request as a curl command line instead of sending it'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nxcdp;completions'= {
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'nxcdp;man'= {
            cand --out-dir 'Write one page per command into this directory (nxcdp.1, nxcdp-customers-query.1, ...) instead of printing nxcdp.1'
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'nxcdp;customers'= {
            cand --sign-algorithm 'Hash for the request signature'
            cand --timeout 'Seconds to wait for each response'
            cand --retries 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none'
            cand --rate 'At most N requests per second, for all requests of the run together (your quota)'
            cand --base-url 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]'
            cand --region 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]'
            cand --ca-cert 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]'
            cand --access-key 'Access key [env: NXCDP_ACCESS_KEY]'
            cand --access-secret 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]'
            cand --access-secret-file 'Read the access secret from this file ("-" for stdin)'
            cand --tenant-id 'Tenant id [env: NXCDP_TENANT_ID]'
            cand --app-key 'App key [env: NXCDP_APP_KEY]'
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand --sandbox 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
            cand -v 'Print each request and response to stderr; twice adds headers and bodies'
            cand --verbose 'Print each request and response to stderr; twice adds headers and bodies'
            cand --dry-run 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
            cand --curl 'Print the first request as a curl command line instead of sending it'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand query 'Query customers by filters, walking every page needed'
            cand get 'Print the customers with these ids'
            cand export 'Export customers to a file that appears only when complete; resumable'
            cand import 'Create customers from CSV, JSON lines, JSON or a workbook; every row accepted or rejected; resumable'
            cand watch 'Print new customers as they arrive, each once; --once --bookmark for cron jobs'
            cand fields 'List the tenant''s customer fields, custom fields included'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'nxcdp;customers;query'= {
            cand --start-time 'Created at or after: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339'
            cand --end-time 'Created before: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339'
            cand --since 'Created within this long before now: 30m, 12h, 7d, 2w, 1y'
            cand --tag 'Has this tag, by name (repeatable)'
            cand --tag-id 'Has this tag, by id (repeatable)'
            cand --his-tag 'Ever had this tag, by name (repeatable)'
            cand --his-tag-id 'Ever had this tag, by id (repeatable)'
            cand --tags-logic 'How several tags combine [default: the server''s]'
            cand --source-type 'Where the customer came from: 0 to 15, or one of these names'
            cand --name 'Name contains this text'
            cand --source-channel-key 'Source channel key'
            cand --sms-phone 'SMS phone: digits with country code, e.g. 8618593272678'
            cand --whatsapp-phone 'WhatsApp phone: digits with country code'
            cand --email 'Email address'
            cand --viber-phone 'Viber phone: digits with country code'
            cand --limit 'How many customers to print in all'
            cand --page-size 'Customers per request, 1 to 50'
            cand --after 'Start after this customer id (older customers; continues a listing)'
            cand --before 'Walk backwards: customers newer than this id, page by page'
            cand --parallel 'Walk N cursors at once over windows of ids (every customer once; order given up)'
            cand -o 'Output format [default: table, or jsonl with --jq]'
            cand --output 'Output format [default: table, or jsonl with --jq]'
            cand --jq 'Filter each item with a jq expression (embedded; ids stay exact); with -o json, the array'
            cand --columns 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...'
            cand --field-labels 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]'
            cand --sign-algorithm 'Hash for the request signature'
            cand --timeout 'Seconds to wait for each response'
            cand --retries 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none'
            cand --rate 'At most N requests per second, for all requests of the run together (your quota)'
            cand --base-url 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]'
            cand --region 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]'
            cand --ca-cert 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]'
            cand --access-key 'Access key [env: NXCDP_ACCESS_KEY]'
            cand --access-secret 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]'
            cand --access-secret-file 'Read the access secret from this file ("-" for stdin)'
            cand --tenant-id 'Tenant id [env: NXCDP_TENANT_ID]'
            cand --app-key 'App key [env: NXCDP_APP_KEY]'
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand --all 'Walk every page to the end'
            cand --sorted 'With --parallel, print newest first as without it (later windows wait in memory)'
            cand --raw-custom-fields 'Keep customize_field as the API''s JSON string in table and csv'
            cand --ids-as-strings 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)'
            cand --csv-safe 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)'
            cand --bom 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text'
            cand --sandbox 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
            cand -v 'Print each request and response to stderr; twice adds headers and bodies'
            cand --verbose 'Print each request and response to stderr; twice adds headers and bodies'
            cand --dry-run 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
            cand --curl 'Print the first request as a curl command line instead of sending it'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nxcdp;customers;get'= {
            cand -o 'Output format [default: table, or jsonl with --jq]'
            cand --output 'Output format [default: table, or jsonl with --jq]'
            cand --jq 'Filter each item with a jq expression (embedded; ids stay exact); with -o json, the array'
            cand --columns 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...'
            cand --field-labels 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]'
            cand --sign-algorithm 'Hash for the request signature'
            cand --timeout 'Seconds to wait for each response'
            cand --retries 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none'
            cand --rate 'At most N requests per second, for all requests of the run together (your quota)'
            cand --base-url 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]'
            cand --region 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]'
            cand --ca-cert 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]'
            cand --access-key 'Access key [env: NXCDP_ACCESS_KEY]'
            cand --access-secret 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]'
            cand --access-secret-file 'Read the access secret from this file ("-" for stdin)'
            cand --tenant-id 'Tenant id [env: NXCDP_TENANT_ID]'
            cand --app-key 'App key [env: NXCDP_APP_KEY]'
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand --raw-custom-fields 'Keep customize_field as the API''s JSON string in table and csv'
            cand --ids-as-strings 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)'
            cand --csv-safe 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)'
            cand --bom 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text'
            cand --sandbox 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
            cand -v 'Print each request and response to stderr; twice adds headers and bodies'
            cand --verbose 'Print each request and response to stderr; twice adds headers and bodies'
            cand --dry-run 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
            cand --curl 'Print the first request as a curl command line instead of sending it'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nxcdp;customers;export'= {
            cand --file 'The file to write; it appears only when the last page has arrived ("-" for stdout)'
            cand --page-size 'Customers per request, 1 to 50'
            cand --parallel 'Walk N cursors at once over windows of ids (every customer once; order given up)'
            cand -o 'File format [default: by the file''s extension: `.jsonl` or `.ndjson` is jsonl, `.xlsx` xlsx, `.parquet` parquet, any other csv]'
            cand --output 'File format [default: by the file''s extension: `.jsonl` or `.ndjson` is jsonl, `.xlsx` xlsx, `.parquet` parquet, any other csv]'
            cand --columns 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...'
            cand --field-labels 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]'
            cand --start-time 'Created at or after: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339'
            cand --end-time 'Created before: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339'
            cand --since 'Created within this long before now: 30m, 12h, 7d, 2w, 1y'
            cand --tag 'Has this tag, by name (repeatable)'
            cand --tag-id 'Has this tag, by id (repeatable)'
            cand --his-tag 'Ever had this tag, by name (repeatable)'
            cand --his-tag-id 'Ever had this tag, by id (repeatable)'
            cand --tags-logic 'How several tags combine [default: the server''s]'
            cand --source-type 'Where the customer came from: 0 to 15, or one of these names'
            cand --name 'Name contains this text'
            cand --source-channel-key 'Source channel key'
            cand --sms-phone 'SMS phone: digits with country code, e.g. 8618593272678'
            cand --whatsapp-phone 'WhatsApp phone: digits with country code'
            cand --email 'Email address'
            cand --viber-phone 'Viber phone: digits with country code'
            cand --sign-algorithm 'Hash for the request signature'
            cand --timeout 'Seconds to wait for each response'
            cand --retries 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none'
            cand --rate 'At most N requests per second, for all requests of the run together (your quota)'
            cand --base-url 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]'
            cand --region 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]'
            cand --ca-cert 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]'
            cand --access-key 'Access key [env: NXCDP_ACCESS_KEY]'
            cand --access-secret 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]'
            cand --access-secret-file 'Read the access secret from this file ("-" for stdin)'
            cand --tenant-id 'Tenant id [env: NXCDP_TENANT_ID]'
            cand --app-key 'App key [env: NXCDP_APP_KEY]'
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand --resume 'Continue an export that failed or was interrupted, from PATH.partial'
            cand --sorted 'With --parallel, print newest first as without it (later windows wait in memory)'
            cand --raw-custom-fields 'Keep customize_field as the API''s JSON string in table and csv'
            cand --ids-as-strings 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)'
            cand --csv-safe 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)'
            cand --bom 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text'
            cand --sandbox 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
            cand -v 'Print each request and response to stderr; twice adds headers and bodies'
            cand --verbose 'Print each request and response to stderr; twice adds headers and bodies'
            cand --dry-run 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
            cand --curl 'Print the first request as a curl command line instead of sending it'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nxcdp;customers;import'= {
            cand --format 'The input''s format [default: by the extension, else by the first character]'
            cand --encoding 'The text''s encoding (gbk, shift_jis, big5, euc-kr, windows-1252, utf-16le, ...) [default: UTF-8, or as a byte order mark says, else guessed]'
            cand --sheet 'A workbook''s sheet, by name or by number from 1 [default: the first]'
            cand --delimiter 'The CSV''s delimiter: , ; | or tab [default: the commonest of them in the header line]'
            cand --map 'Your columns, as the fields they hold: ''Phone=sms_phone,Name=full_name'' (any case)'
            cand --on-conflict 'What becomes of a customer that already exists (one with an equal phone, email, ...)'
            cand --rejects 'Write each rejected row as it was, with its line and reason, to PATH (the input''s format; none rejected: no file, an earlier one removed when the import ends; /dev/stderr: as they come)'
            cand --journal 'Where the journal of acknowledged batches is kept [default: FILE.journal]'
            cand --batch-size 'Customers per request, 1 to 100'
            cand --parallel 'Batches in flight at once; the server''s throttling still slows them all'
            cand --sign-algorithm 'Hash for the request signature'
            cand --timeout 'Seconds to wait for each response'
            cand --retries 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none'
            cand --rate 'At most N requests per second, for all requests of the run together (your quota)'
            cand --base-url 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]'
            cand --region 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]'
            cand --ca-cert 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]'
            cand --access-key 'Access key [env: NXCDP_ACCESS_KEY]'
            cand --access-secret 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]'
            cand --access-secret-file 'Read the access secret from this file ("-" for stdin)'
            cand --tenant-id 'Tenant id [env: NXCDP_TENANT_ID]'
            cand --app-key 'App key [env: NXCDP_APP_KEY]'
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand --ignore-unknown 'Drop the columns nxcdp does not know, instead of refusing the file'
            cand --normalize-phones 'Strip +, spaces, dashes, dots and parentheses from sms_phone, whats_app_phone and viber_phone'
            cand --resume 'Continue an import that stopped (an error, Ctrl-C, kill -9) from its journal'
            cand --sandbox 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
            cand -v 'Print each request and response to stderr; twice adds headers and bodies'
            cand --verbose 'Print each request and response to stderr; twice adds headers and bodies'
            cand --dry-run 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
            cand --curl 'Print the first request as a curl command line instead of sending it'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nxcdp;customers;watch'= {
            cand --interval 'How often to ask for new customers: 500ms, 10s, 2m'
            cand --lookback 'How far back each poll looks, in the time the ids encode, for customers that became visible after newer ones'
            cand --bookmark 'Keep the watch''s memory in FILE: the first run creates it, the next go on from it'
            cand --file 'Append the customers to PATH instead of stdout, each exactly once (with --bookmark; "-" is stdout)'
            cand --jq 'Filter each item with a jq expression (embedded; ids stay exact); with -o json, the array'
            cand --columns 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...'
            cand --field-labels 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]'
            cand --start-time 'Created at or after: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339'
            cand --end-time 'Created before: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339'
            cand --since 'Created within this long before now: 30m, 12h, 7d, 2w, 1y'
            cand --tag 'Has this tag, by name (repeatable)'
            cand --tag-id 'Has this tag, by id (repeatable)'
            cand --his-tag 'Ever had this tag, by name (repeatable)'
            cand --his-tag-id 'Ever had this tag, by id (repeatable)'
            cand --tags-logic 'How several tags combine [default: the server''s]'
            cand --source-type 'Where the customer came from: 0 to 15, or one of these names'
            cand --name 'Name contains this text'
            cand --source-channel-key 'Source channel key'
            cand --sms-phone 'SMS phone: digits with country code, e.g. 8618593272678'
            cand --whatsapp-phone 'WhatsApp phone: digits with country code'
            cand --email 'Email address'
            cand --viber-phone 'Viber phone: digits with country code'
            cand -o 'Output format [default: table, or jsonl with --jq]'
            cand --output 'Output format [default: table, or jsonl with --jq]'
            cand --sign-algorithm 'Hash for the request signature'
            cand --timeout 'Seconds to wait for each response'
            cand --retries 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none'
            cand --rate 'At most N requests per second, for all requests of the run together (your quota)'
            cand --base-url 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]'
            cand --region 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]'
            cand --ca-cert 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]'
            cand --access-key 'Access key [env: NXCDP_ACCESS_KEY]'
            cand --access-secret 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]'
            cand --access-secret-file 'Read the access secret from this file ("-" for stdin)'
            cand --tenant-id 'Tenant id [env: NXCDP_TENANT_ID]'
            cand --app-key 'App key [env: NXCDP_APP_KEY]'
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand --once 'Poll once and exit: a cron job, with --bookmark'
            cand --no-header 'Print no header line (table and csv); without it, a header starts the output unless stdout is a file that already holds some (`>> file`, a run before)'
            cand --raw-custom-fields 'Keep customize_field as the API''s JSON string in table and csv'
            cand --ids-as-strings 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)'
            cand --csv-safe 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)'
            cand --bom 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text'
            cand --sandbox 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
            cand -v 'Print each request and response to stderr; twice adds headers and bodies'
            cand --verbose 'Print each request and response to stderr; twice adds headers and bodies'
            cand --dry-run 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
            cand --curl 'Print the first request as a curl command line instead of sending it'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nxcdp;customers;fields'= {
            cand -o 'Output format [default: table, or jsonl with --jq]'
            cand --output 'Output format [default: table, or jsonl with --jq]'
            cand --jq 'Filter each item with a jq expression (embedded; ids stay exact); with -o json, the array'
            cand --field-labels 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]'
            cand --columns 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...'
            cand --sign-algorithm 'Hash for the request signature'
            cand --timeout 'Seconds to wait for each response'
            cand --retries 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none'
            cand --rate 'At most N requests per second, for all requests of the run together (your quota)'
            cand --base-url 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]'
            cand --region 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]'
            cand --ca-cert 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]'
            cand --access-key 'Access key [env: NXCDP_ACCESS_KEY]'
            cand --access-secret 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]'
            cand --access-secret-file 'Read the access secret from this file ("-" for stdin)'
            cand --tenant-id 'Tenant id [env: NXCDP_TENANT_ID]'
            cand --app-key 'App key [env: NXCDP_APP_KEY]'
            cand --profile 'Profile in the config file [env: NXCDP_PROFILE] [default: default]'
            cand --preset 'Only the preset fields'
            cand --custom 'Only the custom fields'
            cand --raw-custom-fields 'Keep customize_field as the API''s JSON string in table and csv'
            cand --ids-as-strings 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)'
            cand --csv-safe 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)'
            cand --bom 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text'
            cand --sandbox 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
            cand -v 'Print each request and response to stderr; twice adds headers and bodies'
            cand --verbose 'Print each request and response to stderr; twice adds headers and bodies'
            cand --dry-run 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
            cand --curl 'Print the first request as a curl command line instead of sending it'
            cand -q 'Print no progress, hints or warnings'
            cand --quiet 'Print no progress, hints or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nxcdp;customers;help'= {
            cand query 'Query customers by filters, walking every page needed'
            cand get 'Print the customers with these ids'
            cand export 'Export customers to a file that appears only when complete; resumable'
            cand import 'Create customers from CSV, JSON lines, JSON or a workbook; every row accepted or rejected; resumable'
            cand watch 'Print new customers as they arrive, each once; --once --bookmark for cron jobs'
            cand fields 'List the tenant''s customer fields, custom fields included'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'nxcdp;customers;help;query'= {
        }
        &'nxcdp;customers;help;get'= {
        }
        &'nxcdp;customers;help;export'= {
        }
        &'nxcdp;customers;help;import'= {
        }
        &'nxcdp;customers;help;watch'= {
        }
        &'nxcdp;customers;help;fields'= {
        }
        &'nxcdp;customers;help;help'= {
        }
        &'nxcdp;help'= {
            cand api 'Send a signed request to any NXCloud endpoint and print the answer'
            cand sandbox 'Run a local emulator of the CDP API (no account needed)'
            cand config 'Show and change the config file''s profiles'
            cand doctor 'Check everything between this machine and the API, step by step'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff), or write one per command into a directory'
            cand customers 'Query, get, export, import and watch customers, and list their fields'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'nxcdp;help;api'= {
        }
        &'nxcdp;help;sandbox'= {
        }
        &'nxcdp;help;config'= {
            cand path 'Print the config file''s path'
            cand list 'Print the profile''s values (the secret masked) and the base URL in use'
            cand get 'Print one value of the profile (base_url: the region''s when a region is set)'
            cand set 'Set one value of the profile, creating the file (mode 0600) if needed'
            cand profiles 'List the profiles in the file'
            cand init 'Ask for the region and the credentials, checking each answer (piped: one line each)'
        }
        &'nxcdp;help;config;path'= {
        }
        &'nxcdp;help;config;list'= {
        }
        &'nxcdp;help;config;get'= {
        }
        &'nxcdp;help;config;set'= {
        }
        &'nxcdp;help;config;profiles'= {
        }
        &'nxcdp;help;config;init'= {
        }
        &'nxcdp;help;doctor'= {
        }
        &'nxcdp;help;completions'= {
        }
        &'nxcdp;help;man'= {
        }
        &'nxcdp;help;customers'= {
            cand query 'Query customers by filters, walking every page needed'
            cand get 'Print the customers with these ids'
            cand export 'Export customers to a file that appears only when complete; resumable'
            cand import 'Create customers from CSV, JSON lines, JSON or a workbook; every row accepted or rejected; resumable'
            cand watch 'Print new customers as they arrive, each once; --once --bookmark for cron jobs'
            cand fields 'List the tenant''s customer fields, custom fields included'
        }
        &'nxcdp;help;customers;query'= {
        }
        &'nxcdp;help;customers;get'= {
        }
        &'nxcdp;help;customers;export'= {
        }
        &'nxcdp;help;customers;import'= {
        }
        &'nxcdp;help;customers;watch'= {
        }
        &'nxcdp;help;customers;fields'= {
        }
        &'nxcdp;help;help'= {
        }
    ]
    $completions[$command]
}
