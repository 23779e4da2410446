/** Password rules, checked before the auth library hashes anything. Messages in Thai and English. */
const COMMON = new Set(["password", "password1", "1234567890", "qwertyuiop", "prongsai", "123456789012", "iloveyou12"]);

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN) {
    problems.push(`รหัสผ่านต้องยาวอย่างน้อย ${PASSWORD_MIN} ตัวอักษร (at least ${PASSWORD_MIN} characters)`);
  }
  if (password.length > PASSWORD_MAX) {
    problems.push(`รหัสผ่านยาวเกิน ${PASSWORD_MAX} ตัวอักษร (at most ${PASSWORD_MAX} characters)`);
  }
  if (COMMON.has(password.toLowerCase()) || /^(.)\1+$/.test(password) || /^\d+$/.test(password)) {
    problems.push("รหัสผ่านเดาง่ายเกินไป (too easy to guess: not only digits, not a common password)");
  }
  if (email && password.toLowerCase() === email.toLowerCase()) {
    problems.push("รหัสผ่านต้องไม่ซ้ำกับอีเมล (must differ from the email address)");
  }
  return problems;
}
