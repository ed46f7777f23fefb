/** The Modified Monash Model bands (the client's location band: a session's travel area and caps follow from it). */
export const LOCATION_BANDS = [
  { value: '1', label: 'MM 1 · Metropolitan' },
  { value: '2', label: 'MM 2 · Regional centre' },
  { value: '3', label: 'MM 3 · Large rural town' },
  { value: '4', label: 'MM 4 · Medium rural town' },
  { value: '5', label: 'MM 5 · Small rural town' },
  { value: '6', label: 'MM 6 · Remote community' },
  { value: '7', label: 'MM 7 · Very remote community' },
] as const;

export function locationBandLabel(band: number | null | undefined): string {
  return LOCATION_BANDS.find((b) => b.value === String(band))?.label ?? 'Not set';
}
