/**
 * Bar colours: by service, and for Junjo spans by span type, so a workflow reads at a glance.
 * Colours are CSS variables' fallbacks chosen to work on both themes' backgrounds.
 */

const servicePalette = ['#4c6ef5', '#12b886', '#f76707', '#ae3ec9', '#1098ad', '#e64980', '#74b816', '#f59f00', '#7048e8', '#0ca678'];

export const junjoTypeColors: Readonly<Record<string, string>> = {
  workflow: '#3b5bdb',
  subflow: '#7048e8',
  run_concurrent: '#0c8599',
  node: '#2f9e44',
  node_gather: '#0c8599',
  agent: '#d9480f',
};

export function serviceColor(service: string, services: readonly string[]): string {
  const index = services.indexOf(service);
  return servicePalette[(index < 0 ? hash(service) : index) % servicePalette.length]!;
}

/** A Junjo span type as the waterfall and its legend write it ("run_concurrent" → "run concurrent"). */
export const spanTypeLabel = (type: string): string => type.replace('_', ' ');

/** The bar colour of a span whose Junjo span type (if any) is already known. */
export function colorFor(type: string | undefined, service: string, services: readonly string[]): string {
  if (type && junjoTypeColors[type]) return junjoTypeColors[type];
  return serviceColor(service, services);
}

/**
 * A bar's fill: its colour at 90% opacity ("#rrggbb" → "#rrggbbe6"), as an opacity of 0.9 on the bar
 * drew it. Colours in another form are returned as they are.
 */
export const barFill = (color: string): string => (/^#[0-9a-f]{6}$/i.test(color) ? `${color}e6` : color);

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(h);
}
