/**
 * A text cell that a spreadsheet must show as text: values starting with = + - @ (or a tab/CR) would be run
 * as formulas by Excel and LibreOffice ("CSV injection"), so they get a leading apostrophe.
 */
export function csvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
