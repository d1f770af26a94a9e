
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'nxcdp' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'nxcdp'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'nxcdp' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Send a signed request to any NXCloud endpoint and print the answer')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run a local emulator of the CDP API (no account needed)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show and change the config file''s profiles')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check everything between this machine and the API, step by step')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write one per command into a directory')
            [CompletionResult]::new('customers', 'customers', [CompletionResultType]::ParameterValue, 'Query, get, export, import and watch customers, and list their fields')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'nxcdp;api' {
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'HTTP method [default: POST with fields or --input, else GET]')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'HTTP method [default: POST with fields or --input, else GET]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'A string field, KEY=VALUE: a key of the JSON body, or of the query string of a GET (repeatable). A VALUE that is exactly {tenant_id} or {app_key} is the configured value with its type (a number, a string), with -f and -F alike; inside a longer value, its text')
            [CompletionResult]::new('--raw-field', '--raw-field', [CompletionResultType]::ParameterName, 'A string field, KEY=VALUE: a key of the JSON body, or of the query string of a GET (repeatable). A VALUE that is exactly {tenant_id} or {app_key} is the configured value with its type (a number, a string), with -f and -F alike; inside a longer value, its text')
            [CompletionResult]::new('-F', '-F ', [CompletionResultType]::ParameterName, 'A typed field, KEY=JSON: 2, true, null, [1,2], {"a":1}, "text" (repeatable; after the -f fields in the body)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'A typed field, KEY=JSON: 2, true, null, [1,2], {"a":1}, "text" (repeatable; after the -f fields in the body)')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'The request body, sent and signed byte for byte: a file, or - for stdin (fields then go to the query string)')
            [CompletionResult]::new('--biz-type', '--biz-type', [CompletionResultType]::ParameterName, 'The product''s bizType header, digits (2: the CDP; see the vendor''s API pages for others)')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'The product''s action header (mt: the CDP)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'An extra header, "Name: value" (repeatable); the signed headers are nxcdp''s')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'An extra header, "Name: value" (repeatable); the signed headers are nxcdp''s')
            [CompletionResult]::new('--sign-algorithm', '--sign-algorithm', [CompletionResultType]::ParameterName, 'Hash for the request signature')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each response')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most N requests per second, for all requests of the run together (your quota)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: NXCDP_ACCESS_KEY]')
            [CompletionResult]::new('--access-secret', '--access-secret', [CompletionResultType]::ParameterName, 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]')
            [CompletionResult]::new('--access-secret-file', '--access-secret-file', [CompletionResultType]::ParameterName, 'Read the access secret from this file ("-" for stdin)')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Tenant id [env: NXCDP_TENANT_ID]')
            [CompletionResult]::new('--app-key', '--app-key', [CompletionResultType]::ParameterName, 'App key [env: NXCDP_APP_KEY]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the first request (method, URL, headers with `sign`, body) instead of sending it')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print the first request as a curl command line instead of sending it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nxcdp;sandbox' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on, on 127.0.0.1; 0 picks a free one')
            [CompletionResult]::new('--customers', '--customers', [CompletionResultType]::ParameterName, 'How many customers to generate (at most 10 000 000), each made when a page asks for it: any number starts at once and takes no memory')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for the generated data: the same seed gives the same customers')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'Generate the customers as of this RFC 3339 time (created in the two years before it) instead of as of the start: sandboxes with the same seed and --as-of serve the very same data, created_at included')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key the sandbox accepts')
            [CompletionResult]::new('--access-secret', '--access-secret', [CompletionResultType]::ParameterName, 'Access secret the sandbox verifies signatures with (not a real secret)')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Tenant id the sandbox serves')
            [CompletionResult]::new('--app-key', '--app-key', [CompletionResultType]::ParameterName, 'App key the sandbox serves')
            [CompletionResult]::new('--latency-ms', '--latency-ms', [CompletionResultType]::ParameterName, 'Delay every response by this many milliseconds, to study paging over a slow network (at most 600000: ten minutes)')
            [CompletionResult]::new('--arrivals', '--arrivals', [CompletionResultType]::ParameterName, 'Create customers while running, RATE a second on average at random moments, with ids and created_at of the moment')
            [CompletionResult]::new('--arrival-burst', '--arrival-burst', [CompletionResultType]::ParameterName, 'Now and then (every 1 to 5 s, drawn from --seed) create N customers at once, in one millisecond with consecutive ids, as a bulk import does (source_type 2)')
            [CompletionResult]::new('--late', '--late', [CompletionResultType]::ParameterName, 'Make this share (0 to 1) of new customers (arrivals and batch_create) visible to queries only 1 to 4 s after they were created, while customers with larger ids already are')
            [CompletionResult]::new('--refuse-names', '--refuse-names', [CompletionResultType]::ParameterName, 'Refuse with 1002 any batch_create batch that holds a customer whose full_name contains TEXT: a rule only the server knows')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Write one JSON line per customer created (arrivals and batch_create) to FILE, created anew: id, created_at, created_ms, visible_ms, late, by. Each line is written before its customer is visible')
            [CompletionResult]::new('--shape', '--shape', [CompletionResultType]::ParameterName, 'Where the customers'' creation times fall: even (spread over the two years), burst (90% in one bulk import of an hour, two thirds of the way), bursts (90% in three bulk imports of an hour, at a quarter, half and three quarters of the way), growth (each month 19% more than the month before: the last year holds 89%), tail (90% in the last month). Imported customers have source_type 2 (excel import)')
            [CompletionResult]::new('--burst', '--burst', [CompletionResultType]::ParameterName, 'Create this share of the customers (0 to 1) within one hour, as a bulk import two thirds of the way through the two years; the rest trickle in over the two years. Imported customers have source_type 2 (excel import)')
            [CompletionResult]::new('--time-jitter', '--time-jitter', [CompletionResultType]::ParameterName, 'Move each customer''s created_at off its id''s time by a random amount of up to SECS, either way (drawn from --seed), so that created_at no longer sorts like id')
            [CompletionResult]::new('--fail-first', '--fail-first', [CompletionResultType]::ParameterName, 'Answer the first N requests with --fail-status')
            [CompletionResult]::new('--fail-rate', '--fail-rate', [CompletionResultType]::ParameterName, 'Answer this share of requests (0 to 1, drawn from --seed) with --fail-status')
            [CompletionResult]::new('--fail-status', '--fail-status', [CompletionResultType]::ParameterName, 'HTTP status of injected failures (100 to 599)')
            [CompletionResult]::new('--retry-after', '--retry-after', [CompletionResultType]::ParameterName, 'Send `Retry-After: SECS` with injected failures')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Allow at most N requests a second, shared by all connections (a token bucket of N refilled at N a second); beyond it answer HTTP 429 with `Retry-After` (whole seconds until a token is free, at least 1) and a JSON body with code 429, before reading the request (a throttled request does not count for --fail-first, --stall-first or --garbage-after)')
            [CompletionResult]::new('--redirect-to', '--redirect-to', [CompletionResultType]::ParameterName, 'Answer every request to the API (query and fields) with `307 Temporary Redirect` and an empty body. `Location` is URL with the request''s path and query appended when URL has no path (nothing or `/` after the host), else URL as given')
            [CompletionResult]::new('--drop-rate', '--drop-rate', [CompletionResultType]::ParameterName, 'Drop this share of connections in the middle of the response (0 to 1)')
            [CompletionResult]::new('--stall-first', '--stall-first', [CompletionResultType]::ParameterName, 'Hold the first N requests for --stall-ms before answering (to cause client timeouts)')
            [CompletionResult]::new('--stall-ms', '--stall-ms', [CompletionResultType]::ParameterName, 'How long a stalled request is held (at most 600000: ten minutes)')
            [CompletionResult]::new('--clock-skew-secs', '--clock-skew-secs', [CompletionResultType]::ParameterName, 'Set the sandbox''s clock off by this many seconds (its `ts` check and `Date` header), at most ten years either way')
            [CompletionResult]::new('--garbage', '--garbage', [CompletionResultType]::ParameterName, 'Answer queries with this kind of garbage, after the first --garbage-after requests')
            [CompletionResult]::new('--garbage-after', '--garbage-after', [CompletionResultType]::ParameterName, 'Requests answered normally before --garbage starts')
            [CompletionResult]::new('--overfill', '--overfill', [CompletionResultType]::ParameterName, 'Send N customers more than a query asks for, with the cursor after the last one sent')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Serve HTTPS with this certificate chain (PEM, the leaf first) instead of a generated one')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --tls-cert')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('--retry-after-date', '--retry-after-date', [CompletionResultType]::ParameterName, 'Send every `Retry-After` (of --retry-after and of --rate-limit) as an HTTP date that many seconds ahead, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`, instead of a number of seconds')
            [CompletionResult]::new('--repeat-cursor', '--repeat-cursor', [CompletionResultType]::ParameterName, 'Send, from the second page on, a `paging.next` equal to the cursor just used')
            [CompletionResult]::new('--empty-next', '--empty-next', [CompletionResultType]::ParameterName, 'Send, from the second page on, an empty page that claims a next one')
            [CompletionResult]::new('--wrong-way-cursor', '--wrong-way-cursor', [CompletionResultType]::ParameterName, 'Send, from the second page on, a `paging.next` one above the `after` just used: a cursor that goes the wrong way (newer) and never repeats')
            [CompletionResult]::new('--repeat-customers', '--repeat-customers', [CompletionResultType]::ParameterName, 'Start every page after the first with the last customer of the page before (a repeat)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Serve HTTPS, with a certificate for 127.0.0.1 and localhost from a CA made at start; prints the CA''s path as NXCDP_CA_CERT')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nxcdp;config' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print the profile''s values (the secret masked) and the base URL in use')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one value of the profile (base_url: the region''s when a region is set)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one value of the profile, creating the file (mode 0600) if needed')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List the profiles in the file')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Ask for the region and the credentials, checking each answer (piped: one line each)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'nxcdp;config;path' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'nxcdp;config;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'nxcdp;config;get' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'nxcdp;config;set' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'nxcdp;config;profiles' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'nxcdp;config;init' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'nxcdp;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print the profile''s values (the secret masked) and the base URL in use')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one value of the profile (base_url: the region''s when a region is set)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one value of the profile, creating the file (mode 0600) if needed')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List the profiles in the file')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Ask for the region and the credentials, checking each answer (piped: one line each)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'nxcdp;config;help;path' {
            break
        }
        'nxcdp;config;help;list' {
            break
        }
        'nxcdp;config;help;get' {
            break
        }
        'nxcdp;config;help;set' {
            break
        }
        'nxcdp;config;help;profiles' {
            break
        }
        'nxcdp;config;help;init' {
            break
        }
        'nxcdp;config;help;help' {
            break
        }
        'nxcdp;doctor' {
            [CompletionResult]::new('--sign-algorithm', '--sign-algorithm', [CompletionResultType]::ParameterName, 'Hash for the request signature')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each response')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most N requests per second, for all requests of the run together (your quota)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: NXCDP_ACCESS_KEY]')
            [CompletionResult]::new('--access-secret', '--access-secret', [CompletionResultType]::ParameterName, 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]')
            [CompletionResult]::new('--access-secret-file', '--access-secret-file', [CompletionResultType]::ParameterName, 'Read the access secret from this file ("-" for stdin)')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Tenant id [env: NXCDP_TENANT_ID]')
            [CompletionResult]::new('--app-key', '--app-key', [CompletionResultType]::ParameterName, 'App key [env: NXCDP_APP_KEY]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the first request (method, URL, headers with `sign`, body) instead of sending it')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print the first request as a curl command line instead of sending it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nxcdp;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'nxcdp;man' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write one page per command into this directory (nxcdp.1, nxcdp-customers-query.1, ...) instead of printing nxcdp.1')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'nxcdp;customers' {
            [CompletionResult]::new('--sign-algorithm', '--sign-algorithm', [CompletionResultType]::ParameterName, 'Hash for the request signature')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each response')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most N requests per second, for all requests of the run together (your quota)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: NXCDP_ACCESS_KEY]')
            [CompletionResult]::new('--access-secret', '--access-secret', [CompletionResultType]::ParameterName, 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]')
            [CompletionResult]::new('--access-secret-file', '--access-secret-file', [CompletionResultType]::ParameterName, 'Read the access secret from this file ("-" for stdin)')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Tenant id [env: NXCDP_TENANT_ID]')
            [CompletionResult]::new('--app-key', '--app-key', [CompletionResultType]::ParameterName, 'App key [env: NXCDP_APP_KEY]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the first request (method, URL, headers with `sign`, body) instead of sending it')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print the first request as a curl command line instead of sending it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Query customers by filters, walking every page needed')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the customers with these ids')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export customers to a file that appears only when complete; resumable')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create customers from CSV, JSON lines, JSON or a workbook; every row accepted or rejected; resumable')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Print new customers as they arrive, each once; --once --bookmark for cron jobs')
            [CompletionResult]::new('fields', 'fields', [CompletionResultType]::ParameterValue, 'List the tenant''s customer fields, custom fields included')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'nxcdp;customers;query' {
            [CompletionResult]::new('--start-time', '--start-time', [CompletionResultType]::ParameterName, 'Created at or after: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339')
            [CompletionResult]::new('--end-time', '--end-time', [CompletionResultType]::ParameterName, 'Created before: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Created within this long before now: 30m, 12h, 7d, 2w, 1y')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Has this tag, by name (repeatable)')
            [CompletionResult]::new('--tag-id', '--tag-id', [CompletionResultType]::ParameterName, 'Has this tag, by id (repeatable)')
            [CompletionResult]::new('--his-tag', '--his-tag', [CompletionResultType]::ParameterName, 'Ever had this tag, by name (repeatable)')
            [CompletionResult]::new('--his-tag-id', '--his-tag-id', [CompletionResultType]::ParameterName, 'Ever had this tag, by id (repeatable)')
            [CompletionResult]::new('--tags-logic', '--tags-logic', [CompletionResultType]::ParameterName, 'How several tags combine [default: the server''s]')
            [CompletionResult]::new('--source-type', '--source-type', [CompletionResultType]::ParameterName, 'Where the customer came from: 0 to 15, or one of these names')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name contains this text')
            [CompletionResult]::new('--source-channel-key', '--source-channel-key', [CompletionResultType]::ParameterName, 'Source channel key')
            [CompletionResult]::new('--sms-phone', '--sms-phone', [CompletionResultType]::ParameterName, 'SMS phone: digits with country code, e.g. 8618593272678')
            [CompletionResult]::new('--whatsapp-phone', '--whatsapp-phone', [CompletionResultType]::ParameterName, 'WhatsApp phone: digits with country code')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email address')
            [CompletionResult]::new('--viber-phone', '--viber-phone', [CompletionResultType]::ParameterName, 'Viber phone: digits with country code')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many customers to print in all')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Customers per request, 1 to 50')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Start after this customer id (older customers; continues a listing)')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Walk backwards: customers newer than this id, page by page')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'Walk N cursors at once over windows of ids (every customer once; order given up)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table, or jsonl with --jq]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table, or jsonl with --jq]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter each item with a jq expression (embedded; ids stay exact); with -o json, the array')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...')
            [CompletionResult]::new('--field-labels', '--field-labels', [CompletionResultType]::ParameterName, 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]')
            [CompletionResult]::new('--sign-algorithm', '--sign-algorithm', [CompletionResultType]::ParameterName, 'Hash for the request signature')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each response')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most N requests per second, for all requests of the run together (your quota)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: NXCDP_ACCESS_KEY]')
            [CompletionResult]::new('--access-secret', '--access-secret', [CompletionResultType]::ParameterName, 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]')
            [CompletionResult]::new('--access-secret-file', '--access-secret-file', [CompletionResultType]::ParameterName, 'Read the access secret from this file ("-" for stdin)')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Tenant id [env: NXCDP_TENANT_ID]')
            [CompletionResult]::new('--app-key', '--app-key', [CompletionResultType]::ParameterName, 'App key [env: NXCDP_APP_KEY]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Walk every page to the end')
            [CompletionResult]::new('--sorted', '--sorted', [CompletionResultType]::ParameterName, 'With --parallel, print newest first as without it (later windows wait in memory)')
            [CompletionResult]::new('--raw-custom-fields', '--raw-custom-fields', [CompletionResultType]::ParameterName, 'Keep customize_field as the API''s JSON string in table and csv')
            [CompletionResult]::new('--ids-as-strings', '--ids-as-strings', [CompletionResultType]::ParameterName, 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)')
            [CompletionResult]::new('--csv-safe', '--csv-safe', [CompletionResultType]::ParameterName, 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the first request (method, URL, headers with `sign`, body) instead of sending it')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print the first request as a curl command line instead of sending it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nxcdp;customers;get' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table, or jsonl with --jq]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table, or jsonl with --jq]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter each item with a jq expression (embedded; ids stay exact); with -o json, the array')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...')
            [CompletionResult]::new('--field-labels', '--field-labels', [CompletionResultType]::ParameterName, 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]')
            [CompletionResult]::new('--sign-algorithm', '--sign-algorithm', [CompletionResultType]::ParameterName, 'Hash for the request signature')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each response')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most N requests per second, for all requests of the run together (your quota)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: NXCDP_ACCESS_KEY]')
            [CompletionResult]::new('--access-secret', '--access-secret', [CompletionResultType]::ParameterName, 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]')
            [CompletionResult]::new('--access-secret-file', '--access-secret-file', [CompletionResultType]::ParameterName, 'Read the access secret from this file ("-" for stdin)')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Tenant id [env: NXCDP_TENANT_ID]')
            [CompletionResult]::new('--app-key', '--app-key', [CompletionResultType]::ParameterName, 'App key [env: NXCDP_APP_KEY]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('--raw-custom-fields', '--raw-custom-fields', [CompletionResultType]::ParameterName, 'Keep customize_field as the API''s JSON string in table and csv')
            [CompletionResult]::new('--ids-as-strings', '--ids-as-strings', [CompletionResultType]::ParameterName, 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)')
            [CompletionResult]::new('--csv-safe', '--csv-safe', [CompletionResultType]::ParameterName, 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the first request (method, URL, headers with `sign`, body) instead of sending it')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print the first request as a curl command line instead of sending it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nxcdp;customers;export' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The file to write; it appears only when the last page has arrived ("-" for stdout)')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Customers per request, 1 to 50')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'Walk N cursors at once over windows of ids (every customer once; order given up)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'File format [default: by the file''s extension: `.jsonl` or `.ndjson` is jsonl, `.xlsx` xlsx, `.parquet` parquet, any other csv]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'File format [default: by the file''s extension: `.jsonl` or `.ndjson` is jsonl, `.xlsx` xlsx, `.parquet` parquet, any other csv]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...')
            [CompletionResult]::new('--field-labels', '--field-labels', [CompletionResultType]::ParameterName, 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]')
            [CompletionResult]::new('--start-time', '--start-time', [CompletionResultType]::ParameterName, 'Created at or after: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339')
            [CompletionResult]::new('--end-time', '--end-time', [CompletionResultType]::ParameterName, 'Created before: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Created within this long before now: 30m, 12h, 7d, 2w, 1y')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Has this tag, by name (repeatable)')
            [CompletionResult]::new('--tag-id', '--tag-id', [CompletionResultType]::ParameterName, 'Has this tag, by id (repeatable)')
            [CompletionResult]::new('--his-tag', '--his-tag', [CompletionResultType]::ParameterName, 'Ever had this tag, by name (repeatable)')
            [CompletionResult]::new('--his-tag-id', '--his-tag-id', [CompletionResultType]::ParameterName, 'Ever had this tag, by id (repeatable)')
            [CompletionResult]::new('--tags-logic', '--tags-logic', [CompletionResultType]::ParameterName, 'How several tags combine [default: the server''s]')
            [CompletionResult]::new('--source-type', '--source-type', [CompletionResultType]::ParameterName, 'Where the customer came from: 0 to 15, or one of these names')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name contains this text')
            [CompletionResult]::new('--source-channel-key', '--source-channel-key', [CompletionResultType]::ParameterName, 'Source channel key')
            [CompletionResult]::new('--sms-phone', '--sms-phone', [CompletionResultType]::ParameterName, 'SMS phone: digits with country code, e.g. 8618593272678')
            [CompletionResult]::new('--whatsapp-phone', '--whatsapp-phone', [CompletionResultType]::ParameterName, 'WhatsApp phone: digits with country code')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email address')
            [CompletionResult]::new('--viber-phone', '--viber-phone', [CompletionResultType]::ParameterName, 'Viber phone: digits with country code')
            [CompletionResult]::new('--sign-algorithm', '--sign-algorithm', [CompletionResultType]::ParameterName, 'Hash for the request signature')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each response')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most N requests per second, for all requests of the run together (your quota)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: NXCDP_ACCESS_KEY]')
            [CompletionResult]::new('--access-secret', '--access-secret', [CompletionResultType]::ParameterName, 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]')
            [CompletionResult]::new('--access-secret-file', '--access-secret-file', [CompletionResultType]::ParameterName, 'Read the access secret from this file ("-" for stdin)')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Tenant id [env: NXCDP_TENANT_ID]')
            [CompletionResult]::new('--app-key', '--app-key', [CompletionResultType]::ParameterName, 'App key [env: NXCDP_APP_KEY]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Continue an export that failed or was interrupted, from PATH.partial')
            [CompletionResult]::new('--sorted', '--sorted', [CompletionResultType]::ParameterName, 'With --parallel, print newest first as without it (later windows wait in memory)')
            [CompletionResult]::new('--raw-custom-fields', '--raw-custom-fields', [CompletionResultType]::ParameterName, 'Keep customize_field as the API''s JSON string in table and csv')
            [CompletionResult]::new('--ids-as-strings', '--ids-as-strings', [CompletionResultType]::ParameterName, 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)')
            [CompletionResult]::new('--csv-safe', '--csv-safe', [CompletionResultType]::ParameterName, 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the first request (method, URL, headers with `sign`, body) instead of sending it')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print the first request as a curl command line instead of sending it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nxcdp;customers;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The input''s format [default: by the extension, else by the first character]')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'The text''s encoding (gbk, shift_jis, big5, euc-kr, windows-1252, utf-16le, ...) [default: UTF-8, or as a byte order mark says, else guessed]')
            [CompletionResult]::new('--sheet', '--sheet', [CompletionResultType]::ParameterName, 'A workbook''s sheet, by name or by number from 1 [default: the first]')
            [CompletionResult]::new('--delimiter', '--delimiter', [CompletionResultType]::ParameterName, 'The CSV''s delimiter: , ; | or tab [default: the commonest of them in the header line]')
            [CompletionResult]::new('--map', '--map', [CompletionResultType]::ParameterName, 'Your columns, as the fields they hold: ''Phone=sms_phone,Name=full_name'' (any case)')
            [CompletionResult]::new('--on-conflict', '--on-conflict', [CompletionResultType]::ParameterName, 'What becomes of a customer that already exists (one with an equal phone, email, ...)')
            [CompletionResult]::new('--rejects', '--rejects', [CompletionResultType]::ParameterName, 'Write each rejected row as it was, with its line and reason, to PATH (the input''s format; none rejected: no file, an earlier one removed when the import ends; /dev/stderr: as they come)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Where the journal of acknowledged batches is kept [default: FILE.journal]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Customers per request, 1 to 100')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'Batches in flight at once; the server''s throttling still slows them all')
            [CompletionResult]::new('--sign-algorithm', '--sign-algorithm', [CompletionResultType]::ParameterName, 'Hash for the request signature')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each response')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most N requests per second, for all requests of the run together (your quota)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: NXCDP_ACCESS_KEY]')
            [CompletionResult]::new('--access-secret', '--access-secret', [CompletionResultType]::ParameterName, 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]')
            [CompletionResult]::new('--access-secret-file', '--access-secret-file', [CompletionResultType]::ParameterName, 'Read the access secret from this file ("-" for stdin)')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Tenant id [env: NXCDP_TENANT_ID]')
            [CompletionResult]::new('--app-key', '--app-key', [CompletionResultType]::ParameterName, 'App key [env: NXCDP_APP_KEY]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('--ignore-unknown', '--ignore-unknown', [CompletionResultType]::ParameterName, 'Drop the columns nxcdp does not know, instead of refusing the file')
            [CompletionResult]::new('--normalize-phones', '--normalize-phones', [CompletionResultType]::ParameterName, 'Strip +, spaces, dashes, dots and parentheses from sms_phone, whats_app_phone and viber_phone')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Continue an import that stopped (an error, Ctrl-C, kill -9) from its journal')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the first request (method, URL, headers with `sign`, body) instead of sending it')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print the first request as a curl command line instead of sending it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nxcdp;customers;watch' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often to ask for new customers: 500ms, 10s, 2m')
            [CompletionResult]::new('--lookback', '--lookback', [CompletionResultType]::ParameterName, 'How far back each poll looks, in the time the ids encode, for customers that became visible after newer ones')
            [CompletionResult]::new('--bookmark', '--bookmark', [CompletionResultType]::ParameterName, 'Keep the watch''s memory in FILE: the first run creates it, the next go on from it')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Append the customers to PATH instead of stdout, each exactly once (with --bookmark; "-" is stdout)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter each item with a jq expression (embedded; ids stay exact); with -o json, the array')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...')
            [CompletionResult]::new('--field-labels', '--field-labels', [CompletionResultType]::ParameterName, 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]')
            [CompletionResult]::new('--start-time', '--start-time', [CompletionResultType]::ParameterName, 'Created at or after: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339')
            [CompletionResult]::new('--end-time', '--end-time', [CompletionResultType]::ParameterName, 'Created before: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Created within this long before now: 30m, 12h, 7d, 2w, 1y')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Has this tag, by name (repeatable)')
            [CompletionResult]::new('--tag-id', '--tag-id', [CompletionResultType]::ParameterName, 'Has this tag, by id (repeatable)')
            [CompletionResult]::new('--his-tag', '--his-tag', [CompletionResultType]::ParameterName, 'Ever had this tag, by name (repeatable)')
            [CompletionResult]::new('--his-tag-id', '--his-tag-id', [CompletionResultType]::ParameterName, 'Ever had this tag, by id (repeatable)')
            [CompletionResult]::new('--tags-logic', '--tags-logic', [CompletionResultType]::ParameterName, 'How several tags combine [default: the server''s]')
            [CompletionResult]::new('--source-type', '--source-type', [CompletionResultType]::ParameterName, 'Where the customer came from: 0 to 15, or one of these names')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name contains this text')
            [CompletionResult]::new('--source-channel-key', '--source-channel-key', [CompletionResultType]::ParameterName, 'Source channel key')
            [CompletionResult]::new('--sms-phone', '--sms-phone', [CompletionResultType]::ParameterName, 'SMS phone: digits with country code, e.g. 8618593272678')
            [CompletionResult]::new('--whatsapp-phone', '--whatsapp-phone', [CompletionResultType]::ParameterName, 'WhatsApp phone: digits with country code')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email address')
            [CompletionResult]::new('--viber-phone', '--viber-phone', [CompletionResultType]::ParameterName, 'Viber phone: digits with country code')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table, or jsonl with --jq]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table, or jsonl with --jq]')
            [CompletionResult]::new('--sign-algorithm', '--sign-algorithm', [CompletionResultType]::ParameterName, 'Hash for the request signature')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each response')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most N requests per second, for all requests of the run together (your quota)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: NXCDP_ACCESS_KEY]')
            [CompletionResult]::new('--access-secret', '--access-secret', [CompletionResultType]::ParameterName, 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]')
            [CompletionResult]::new('--access-secret-file', '--access-secret-file', [CompletionResultType]::ParameterName, 'Read the access secret from this file ("-" for stdin)')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Tenant id [env: NXCDP_TENANT_ID]')
            [CompletionResult]::new('--app-key', '--app-key', [CompletionResultType]::ParameterName, 'App key [env: NXCDP_APP_KEY]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('--once', '--once', [CompletionResultType]::ParameterName, 'Poll once and exit: a cron job, with --bookmark')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Print no header line (table and csv); without it, a header starts the output unless stdout is a file that already holds some (`>> file`, a run before)')
            [CompletionResult]::new('--raw-custom-fields', '--raw-custom-fields', [CompletionResultType]::ParameterName, 'Keep customize_field as the API''s JSON string in table and csv')
            [CompletionResult]::new('--ids-as-strings', '--ids-as-strings', [CompletionResultType]::ParameterName, 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)')
            [CompletionResult]::new('--csv-safe', '--csv-safe', [CompletionResultType]::ParameterName, 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the first request (method, URL, headers with `sign`, body) instead of sending it')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print the first request as a curl command line instead of sending it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nxcdp;customers;fields' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table, or jsonl with --jq]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table, or jsonl with --jq]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter each item with a jq expression (embedded; ids stay exact); with -o json, the array')
            [CompletionResult]::new('--field-labels', '--field-labels', [CompletionResultType]::ParameterName, 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...')
            [CompletionResult]::new('--sign-algorithm', '--sign-algorithm', [CompletionResultType]::ParameterName, 'Hash for the request signature')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each response')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most N requests per second, for all requests of the run together (your quota)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region''s]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust this CA certificate (PEM), e.g. your company''s [env: NXCDP_CA_CERT]')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: NXCDP_ACCESS_KEY]')
            [CompletionResult]::new('--access-secret', '--access-secret', [CompletionResultType]::ParameterName, 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]')
            [CompletionResult]::new('--access-secret-file', '--access-secret-file', [CompletionResultType]::ParameterName, 'Read the access secret from this file ("-" for stdin)')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Tenant id [env: NXCDP_TENANT_ID]')
            [CompletionResult]::new('--app-key', '--app-key', [CompletionResultType]::ParameterName, 'App key [env: NXCDP_APP_KEY]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: NXCDP_PROFILE] [default: default]')
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'Only the preset fields')
            [CompletionResult]::new('--custom', '--custom', [CompletionResultType]::ParameterName, 'Only the custom fields')
            [CompletionResult]::new('--raw-custom-fields', '--raw-custom-fields', [CompletionResultType]::ParameterName, 'Keep customize_field as the API''s JSON string in table and csv')
            [CompletionResult]::new('--ids-as-strings', '--ids-as-strings', [CompletionResultType]::ParameterName, 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)')
            [CompletionResult]::new('--csv-safe', '--csv-safe', [CompletionResultType]::ParameterName, 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response to stderr; twice adds headers and bodies')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the first request (method, URL, headers with `sign`, body) instead of sending it')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print the first request as a curl command line instead of sending it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress, hints or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nxcdp;customers;help' {
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Query customers by filters, walking every page needed')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the customers with these ids')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export customers to a file that appears only when complete; resumable')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create customers from CSV, JSON lines, JSON or a workbook; every row accepted or rejected; resumable')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Print new customers as they arrive, each once; --once --bookmark for cron jobs')
            [CompletionResult]::new('fields', 'fields', [CompletionResultType]::ParameterValue, 'List the tenant''s customer fields, custom fields included')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'nxcdp;customers;help;query' {
            break
        }
        'nxcdp;customers;help;get' {
            break
        }
        'nxcdp;customers;help;export' {
            break
        }
        'nxcdp;customers;help;import' {
            break
        }
        'nxcdp;customers;help;watch' {
            break
        }
        'nxcdp;customers;help;fields' {
            break
        }
        'nxcdp;customers;help;help' {
            break
        }
        'nxcdp;help' {
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Send a signed request to any NXCloud endpoint and print the answer')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run a local emulator of the CDP API (no account needed)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show and change the config file''s profiles')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check everything between this machine and the API, step by step')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write one per command into a directory')
            [CompletionResult]::new('customers', 'customers', [CompletionResultType]::ParameterValue, 'Query, get, export, import and watch customers, and list their fields')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'nxcdp;help;api' {
            break
        }
        'nxcdp;help;sandbox' {
            break
        }
        'nxcdp;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print the profile''s values (the secret masked) and the base URL in use')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one value of the profile (base_url: the region''s when a region is set)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one value of the profile, creating the file (mode 0600) if needed')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List the profiles in the file')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Ask for the region and the credentials, checking each answer (piped: one line each)')
            break
        }
        'nxcdp;help;config;path' {
            break
        }
        'nxcdp;help;config;list' {
            break
        }
        'nxcdp;help;config;get' {
            break
        }
        'nxcdp;help;config;set' {
            break
        }
        'nxcdp;help;config;profiles' {
            break
        }
        'nxcdp;help;config;init' {
            break
        }
        'nxcdp;help;doctor' {
            break
        }
        'nxcdp;help;completions' {
            break
        }
        'nxcdp;help;man' {
            break
        }
        'nxcdp;help;customers' {
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Query customers by filters, walking every page needed')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the customers with these ids')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export customers to a file that appears only when complete; resumable')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create customers from CSV, JSON lines, JSON or a workbook; every row accepted or rejected; resumable')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Print new customers as they arrive, each once; --once --bookmark for cron jobs')
            [CompletionResult]::new('fields', 'fields', [CompletionResultType]::ParameterValue, 'List the tenant''s customer fields, custom fields included')
            break
        }
        'nxcdp;help;customers;query' {
            break
        }
        'nxcdp;help;customers;get' {
            break
        }
        'nxcdp;help;customers;export' {
            break
        }
        'nxcdp;help;customers;import' {
            break
        }
        'nxcdp;help;customers;watch' {
            break
        }
        'nxcdp;help;customers;fields' {
            break
        }
        'nxcdp;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
