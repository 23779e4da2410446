/**
 * The framework JSON document: one per fiscal year, in `packages/ita/frameworks/<year>.json`.
 *
 * NACC changes the ITA between years (rating scheme in 2566, OIT item list almost every year, a reform
 * announced for 2569/2570), so everything year-specific is data validated here, not code. An administrator
 * can add a year by supplying a document that passes this schema. See docs/frameworks.md.
 */
import { z } from "zod";

export const TOOL_KEYS = ["iit", "eit", "oit"] as const;
export const EIT_PART_KEYS = ["eit_part1", "eit_part2"] as const;
export const INDICATOR_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

const LocalTextSchema = z.strictObject({
  th: z.string().min(1),
  en: z.string().min(1),
});

/** Points with at most two decimals, 0–100 (thresholds are written in points and converted to centi). */
const PointsSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-6, {
    message: "must have at most two decimals",
  });

const IndicatorNumberSchema = z.literal(INDICATOR_NUMBERS);

const ToolKeySchema = z.enum(TOOL_KEYS);

/** OIT item codes as they appear in the catalogue: upper-case letters followed by digits, e.g. "O1", "O43". */
const ItemCodeSchema = z
  .string()
  .regex(/^[A-Z]+[0-9]+(\.[0-9]+)*$/, 'item code must look like "O1" (upper-case letters, then digits)');

const ToolSchema = z.strictObject({
  key: ToolKeySchema,
  name: LocalTextSchema,
  /** Integer percentage of the total; the tools' weights sum to 100. */
  weight: z.number().int().min(1).max(100),
  /** Indicator numbers whose mean is the tool score. */
  indicators: z.array(IndicatorNumberSchema).min(1),
  /** EIT only, from FY 2566: the tool score is the mean of these parts when they are known. */
  parts: z
    .array(z.strictObject({ key: z.enum(EIT_PART_KEYS), name: LocalTextSchema }))
    .min(1)
    .optional(),
});

const IndicatorSchema = z.strictObject({
  number: IndicatorNumberSchema,
  tool: ToolKeySchema,
  name: LocalTextSchema,
});

const LetterRatingSchema = z.strictObject({
  kind: z.literal("letter"),
  /** Best first; a total gets the first grade whose `min` it reaches. The last grade has min 0. */
  grades: z
    .array(
      z.strictObject({
        grade: z.string().min(1),
        min: PointsSchema,
        /** Optional display label; defaults to the grade itself. */
        label: LocalTextSchema.optional(),
      }),
    )
    .min(2),
});

const PassLevelsRatingSchema = z.strictObject({
  kind: z.literal("pass-levels"),
  /**
   * Best first; an agency gets the first level whose conditions it meets: total ≥ minTotal and, when
   * minEachTool is set, every tool ≥ minEachTool. The last level has minTotal 0 and no tool floor.
   */
  levels: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[a-z][a-z0-9-]*$/, "level key must be lower-case letters, digits or -"),
        label: LocalTextSchema,
        minTotal: PointsSchema,
        minEachTool: PointsSchema.optional(),
      }),
    )
    .min(2),
});

const OitItemSchema = z.strictObject({
  code: ItemCodeSchema,
  title: z.string().min(1),
  /** The heading NACC lists the item under (finer than the sub-indicator). */
  group: z.string().min(1).optional(),
  /** What the assessor checks; from the NACC manual of that year when known. */
  criteria: z.array(z.string()).optional(),
});

const OitSubIndicatorSchema = z.strictObject({
  /** "9.1" … "10.2"; the part before the dot is the indicator. */
  code: z.string().regex(/^\d+\.\d+$/, 'sub-indicator code must look like "9.1"'),
  indicator: IndicatorNumberSchema,
  name: z.string().min(1),
  items: z.array(OitItemSchema).min(1),
});

const OitSchema = z.strictObject({
  /**
   * Identifies the item list. Years sharing a catalogue (2563–2565 share "oit-2564") are comparable item
   * by item; the same code means different things in different catalogues.
   */
  catalogueId: z.string().min(1).nullable().default(null),
  /**
   * complete: every item and its sub-indicator are known, so indicators 9/10 and point gains can be derived.
   * partial: some codes/titles known, grouping not. unknown: nothing known.
   */
  status: z.enum(["complete", "partial", "unknown"]),
  /** Where the list comes from and how sure we are; shown next to anything derived from it. */
  confidence: z.string().min(1),
  subIndicators: z.array(OitSubIndicatorSchema).default([]),
  /** Items known by code (and maybe title) whose sub-indicator is not known: only for status "partial". */
  ungroupedItems: z.array(z.strictObject({ code: ItemCodeSchema, title: z.string().min(1).nullable() })).default([]),
});

const FrameworkDocumentBaseSchema = z.strictObject({
  schemaVersion: z.literal(1),
  /** Buddhist Era fiscal year (1 Oct – 30 Sep), e.g. 2568. */
  fiscalYear: z.number().int().min(2500).max(2700),
  label: LocalTextSchema,
  /** Where the rules of this year come from. */
  source: z.string().min(1),
  /** "Passed" means total ≥ passMark (85 in every year so far). */
  passMark: PointsSchema,
  tools: z.array(ToolSchema).min(1),
  indicators: z.array(IndicatorSchema).min(1),
  rating: z.discriminatedUnion("kind", [LetterRatingSchema, PassLevelsRatingSchema]),
  oit: OitSchema,
  /** Number of IIT/EIT questions (items i1…, e1…) when known. */
  itemLevel: z
    .strictObject({
      iit: z.number().int().min(1).optional(),
      eit: z.number().int().min(1).optional(),
    })
    .optional(),
  /** Free text for maintainers. */
  notes: z.string().optional(),
});

type Ctx = z.core.$RefinementCtx<z.output<typeof FrameworkDocumentBaseSchema>>;

function issue(ctx: Ctx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: "custom", path, message });
}

function checkToolsAndIndicators(doc: z.output<typeof FrameworkDocumentBaseSchema>, ctx: Ctx): void {
  const toolKeys = new Set<string>();
  doc.tools.forEach((tool, i) => {
    if (toolKeys.has(tool.key)) issue(ctx, ["tools", i, "key"], `tool "${tool.key}" is listed twice`);
    toolKeys.add(tool.key);
    if (tool.parts && tool.key !== "eit") issue(ctx, ["tools", i, "parts"], `only the EIT tool can have parts`);
    if (tool.parts) {
      const partKeys = new Set(tool.parts.map((p) => p.key));
      if (partKeys.size !== tool.parts.length) issue(ctx, ["tools", i, "parts"], "EIT part keys must be unique");
    }
  });

  const weightSum = doc.tools.reduce((s, t) => s + t.weight, 0);
  if (weightSum !== 100) {
    issue(
      ctx,
      ["tools"],
      `tool weights must sum to 100, got ${weightSum} (${doc.tools.map((t) => `${t.key} ${t.weight}`).join(" + ")})`,
    );
  }

  const indicatorTool = new Map<number, string>();
  doc.indicators.forEach((ind, i) => {
    if (indicatorTool.has(ind.number))
      issue(ctx, ["indicators", i, "number"], `indicator ${ind.number} is listed twice`);
    indicatorTool.set(ind.number, ind.tool);
    if (!toolKeys.has(ind.tool)) {
      issue(
        ctx,
        ["indicators", i, "tool"],
        `indicator ${ind.number} belongs to tool "${ind.tool}", which is not listed`,
      );
    }
  });

  const claimedBy = new Map<number, string>();
  doc.tools.forEach((tool, i) => {
    tool.indicators.forEach((n, j) => {
      const other = claimedBy.get(n);
      if (other !== undefined) {
        issue(
          ctx,
          ["tools", i, "indicators", j],
          other === tool.key
            ? `indicator ${n} is listed twice in tool "${tool.key}"`
            : `indicator ${n} is in two tools ("${other}" and "${tool.key}")`,
        );
      }
      claimedBy.set(n, tool.key);
      const declared = indicatorTool.get(n);
      if (declared === undefined) {
        issue(ctx, ["tools", i, "indicators", j], `tool "${tool.key}" uses indicator ${n}, which is not defined`);
      } else if (declared !== tool.key) {
        issue(
          ctx,
          ["tools", i, "indicators", j],
          `tool "${tool.key}" uses indicator ${n}, but that indicator says it belongs to "${declared}"`,
        );
      }
    });
  });
  doc.indicators.forEach((ind, i) => {
    if (!claimedBy.has(ind.number)) {
      issue(ctx, ["indicators", i], `indicator ${ind.number} is not used by any tool`);
    }
  });
}

function checkRating(doc: z.output<typeof FrameworkDocumentBaseSchema>, ctx: Ctx): void {
  const rating = doc.rating;
  if (rating.kind === "letter") {
    const seen = new Set<string>();
    rating.grades.forEach((g, i) => {
      if (seen.has(g.grade)) issue(ctx, ["rating", "grades", i, "grade"], `grade "${g.grade}" is listed twice`);
      seen.add(g.grade);
      const prev = rating.grades[i - 1];
      if (prev && g.min >= prev.min) {
        issue(ctx, ["rating", "grades", i, "min"], `grades must be listed best first with strictly decreasing min`);
      }
    });
    const last = rating.grades[rating.grades.length - 1];
    if (last && last.min !== 0) issue(ctx, ["rating", "grades"], "the last (worst) grade must have min 0");
  } else {
    const seen = new Set<string>();
    rating.levels.forEach((l, i) => {
      if (seen.has(l.key)) issue(ctx, ["rating", "levels", i, "key"], `level "${l.key}" is listed twice`);
      seen.add(l.key);
      const prev = rating.levels[i - 1];
      if (prev && l.minTotal > prev.minTotal) {
        issue(ctx, ["rating", "levels", i, "minTotal"], "levels must be listed best first (minTotal not increasing)");
      }
    });
    const last = rating.levels[rating.levels.length - 1];
    if (last && (last.minTotal !== 0 || last.minEachTool !== undefined)) {
      issue(ctx, ["rating", "levels"], "the last (worst) level must have minTotal 0 and no minEachTool");
    }
  }
}

function checkOit(doc: z.output<typeof FrameworkDocumentBaseSchema>, ctx: Ctx): void {
  const oit = doc.oit;
  const oitTool = doc.tools.find((t) => t.key === "oit");
  const codes = new Map<string, string>();
  const subCodes = new Set<string>();
  const seeCode = (code: string, where: string, path: (string | number)[]) => {
    const prev = codes.get(code);
    if (prev !== undefined) issue(ctx, path, `item code ${code} appears twice (${prev} and ${where})`);
    else codes.set(code, where);
  };

  oit.subIndicators.forEach((sub, i) => {
    if (subCodes.has(sub.code))
      issue(ctx, ["oit", "subIndicators", i, "code"], `sub-indicator ${sub.code} is listed twice`);
    subCodes.add(sub.code);
    if (sub.code.split(".")[0] !== String(sub.indicator)) {
      issue(
        ctx,
        ["oit", "subIndicators", i, "indicator"],
        `sub-indicator ${sub.code} must belong to indicator ${sub.code.split(".")[0]}, not ${sub.indicator}`,
      );
    }
    if (!oitTool?.indicators.includes(sub.indicator)) {
      issue(
        ctx,
        ["oit", "subIndicators", i, "indicator"],
        `sub-indicator ${sub.code}: indicator ${sub.indicator} is not an OIT indicator`,
      );
    }
    sub.items.forEach((item, j) => {
      seeCode(item.code, `sub-indicator ${sub.code}`, ["oit", "subIndicators", i, "items", j, "code"]);
    });
  });
  oit.ungroupedItems.forEach((item, i) => {
    seeCode(item.code, "ungroupedItems", ["oit", "ungroupedItems", i, "code"]);
  });

  if (oit.status === "complete") {
    if (!oitTool) issue(ctx, ["oit", "status"], 'a complete OIT catalogue needs an "oit" tool');
    if (oit.catalogueId === null) issue(ctx, ["oit", "catalogueId"], "a complete OIT catalogue needs a catalogueId");
    if (oit.ungroupedItems.length > 0) {
      issue(ctx, ["oit", "ungroupedItems"], "a complete OIT catalogue cannot have ungrouped items; use status partial");
    }
    for (const n of oitTool?.indicators ?? []) {
      if (!oit.subIndicators.some((s) => s.indicator === n)) {
        issue(
          ctx,
          ["oit", "subIndicators"],
          `a complete OIT catalogue needs at least one sub-indicator for indicator ${n}`,
        );
      }
    }
  } else if (oit.status === "unknown") {
    if (oit.subIndicators.length > 0 || oit.ungroupedItems.length > 0) {
      issue(ctx, ["oit", "status"], 'status "unknown" cannot list items; use "partial" or "complete"');
    }
  }
}

/** Schema of a framework document (version 1). Structural rules that span fields are enforced in superRefine. */
export const FrameworkDocumentSchema = FrameworkDocumentBaseSchema.superRefine((doc, ctx) => {
  checkToolsAndIndicators(doc, ctx);
  checkRating(doc, ctx);
  checkOit(doc, ctx);
});

/** A validated framework document as written in JSON (thresholds in points). */
export type FrameworkDocument = z.output<typeof FrameworkDocumentSchema>;
/** What may be written in the JSON (defaults not yet applied). */
export type FrameworkDocumentInput = z.input<typeof FrameworkDocumentSchema>;
