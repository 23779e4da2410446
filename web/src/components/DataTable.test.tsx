import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import "../i18n";
import { type Column, DataTable } from "./DataTable";

interface Row {
  code: string;
  name: string;
  total: number;
}
const rows: Row[] = [
  { code: "6990103", name: "อบต.บ่อพัฒนา", total: 91.03 },
  { code: "5991106", name: "เทศบาลตำบลลำเรือ", total: 84.92 },
];
const columns: Column<Row>[] = [
  { key: "code", head: "รหัส", className: "mono", cell: (r) => r.code },
  { key: "name", head: "หน่วยงาน", rowHeader: true, cell: (r) => r.name },
  { key: "total", head: "คะแนนรวม", num: true, cell: (r) => r.total.toFixed(2) },
  {
    key: "actions",
    head: "การดำเนินการ",
    hideHead: true,
    label: false,
    cell: () => <button type="button">แก้ไข</button>,
  },
];

describe("DataTable", () => {
  afterEach(cleanup);

  it("has a caption, column headers, and each row named by its row header", () => {
    render(<DataTable caption="หน่วยงาน" columns={columns} rows={rows} rowKey={(r) => r.code} />);
    const table = screen.getByRole("table", { name: "หน่วยงาน" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["รหัส", "หน่วยงาน", "คะแนนรวม", "การดำเนินการ"]);
    expect(
      within(table)
        .getAllByRole("rowheader")
        .map((h) => h.textContent),
    ).toEqual(["อบต.บ่อพัฒนา", "เทศบาลตำบลลำเรือ"]);
    const cells = within(table).getAllByRole("cell");
    expect(cells[0]?.className).toBe("mono");
    expect(cells[1]?.className).toBe("num");
    expect(cells[1]?.textContent).toBe("91.03");
  });

  it("labels the cells for the phone's stacked cards, except row headers and buttons", () => {
    const { container } = render(
      <DataTable caption="หน่วยงาน" columns={columns} rows={rows} rowKey={(r) => r.code} stack />,
    );
    expect(container.querySelector("table")?.className).toBe("stack-table");
    const first = container.querySelectorAll("tbody tr")[0];
    expect([...(first?.children ?? [])].map((c) => c.getAttribute("data-label"))).toEqual([
      "รหัส",
      null,
      "คะแนนรวม",
      null,
    ]);
  });

  it("says so when there are no rows", () => {
    render(<DataTable caption="หน่วยงาน" columns={columns} rows={[]} rowKey={(r) => r.code} empty="ไม่พบหน่วยงาน" />);
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.getByText("ไม่พบหน่วยงาน")).toBeTruthy();
  });
});
