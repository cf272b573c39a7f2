/**
 * What the end-to-end fake backends hold, shared by the servers (start-servers.ts) and the specs:
 * trace ids, names and the one credential that must never reach the browser.
 */
export const tempoSource = 'tempo-local';
export const jaegerSource = 'jaeger-local';

/** Bearer token the viewer server sends to the fake Tempo (from the environment, as in production). */
export const tempoTokenEnv = 'JTV_E2E_TEMPO_TOKEN';
export const tempoToken = 'e2e-secret-tempo-token-7Qx9vKp2';

/** Tempo v2 (base64 ids): the Junjo G3 sample from public/samples. */
export const junjoTraceId = '3faff1e386332ece29c15703d66ff954';
export const junjoWorkflowName = 'demo_base_workflow';
export const junjoRootName = 'POST /run';
/** Tempo v2, answered with status PARTIAL. */
export const partialTraceId = '3149195ffb0bec05347b48efe8ecc1b0';
/** Tempo v1 only (v2 answers 404): the queue/database fixture, 19 spans. */
export const tempoV1TraceId = '4290b5877a9930de79bb428365398ecc';
/** Tempo v2: one span whose attributes hold HTML and the echoed Authorization header. */
export const xssTraceId = '00000000000000007e57ab1ec0ffee42';
export const xssValue = '<img src=x onerror=alert(1)>';
export const xssSpanName = 'render comment';
/** Tempo v2: every other request fails with 503 (the browser's retry gets it). */
export const flakyTraceId = 'f1a4ef1a4ef1a4ef1a4ef1a4ef1a4e01';
/** Tempo answers 401 for this one (as if the token lacked access): never retried. */
export const deniedTraceId = 'de1ede1ede1ede1ede1ede1ede1ede01';

/** Jaeger API v3: trace 0x1 0000000000000000 of the rich OTLP fixture (ids with leading zeros). */
export const jaegerV3TraceId = '00000000000000010000000000000000';
/** Jaeger internal API only (v3 answers a plain 404): 57 spans in 10 services. */
export const jaegerInternalTraceId = '4a1b2c3d4e5f60718293a4b5c6d7e8f9';

/** Junjo AI Studio 0.82 (sign-in from the environment) and the older Junjo Server (sign-in + CSRF). */
export const studioSource = 'studio-local';
export const junjoServerSource = 'junjo-server-local';
export const studioEmailEnv = 'JTV_E2E_STUDIO_EMAIL';
export const studioPasswordEnv = 'JTV_E2E_STUDIO_PASSWORD';
export const studioEmail = 'viewer@example.com';
/** Never reaches the browser (checked on every response of the Junjo specs). */
export const studioPassword = 'e2e-studio-password-Hq7Rz2';
/** The Studio UI address the config names, for links to the same run. */
export const studioUiUrl = 'http://studio-ui.example:26153';
/** Studio: the basic workflow whose trace evidence agrees with the viewer's replay. */
export const studioTraceId = '11111111111111111111111111111111';
/** Studio: the same run, whose evidence says /output became "HELLO!" after transition 2. */
export const studioDisagreeTraceId = '22222222222222222222222222222222';
export const studioService = 'svc-junjo-phase0-basic';
export const studioWorkflowName = 'basic_workflow';
/** Junjo Server: the G1 demo run, rows with the legacy columns. */
export const junjoServerTraceId = '5d84288528dd8eda56e02db4f065aea1';
export const junjoServerWorkflowName = 'demo_base_workflow';
