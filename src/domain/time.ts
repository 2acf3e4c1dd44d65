/** UTC timestamp in the platform's wire form: ISO 8601, six fraction digits, `Z`. */
export const wireTimestamp = (date: Date): string => date.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z")
