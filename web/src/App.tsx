import { useEffect, useState } from "react";

interface Health {
  status: string;
  database: { migrations: number; tenants: number };
}

/** Placeholder until the dashboard issue: proves the Worker serves the SPA and the API answers. */
export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch("/api/health")
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then(setHealth, (e: Error) => setError(e.message));
  }, []);
  return (
    <main style={{ fontFamily: "Sarabun, Tahoma, sans-serif", maxWidth: 720, margin: "3rem auto", padding: "0 1rem" }}>
      <h1>โปร่งใส · Prongsai</h1>
      <p>
        ติดตามผลการประเมินคุณธรรมและความโปร่งใส (ITA) ของหน่วยงานในจังหวัด
        <br />
        <span lang="en">Following the ITA results of a province's local agencies.</span>
      </p>
      <p role="status">
        {error
          ? `เชื่อมต่อ API ไม่ได้ (API unreachable): ${error}`
          : health
            ? `API พร้อมใช้งาน · ${health.database.tenants} จังหวัด (tenants) · ${health.database.migrations} migrations`
            : "กำลังตรวจสอบ… (checking…)"}
      </p>
      <p>
        <a href="/api/openapi.json">OpenAPI</a>
      </p>
    </main>
  );
}
