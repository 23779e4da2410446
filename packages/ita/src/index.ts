/**
 * @prongsai/ita — every ITA formula in one place: versioned framework data (frameworks/<year>.json) and
 * pure functions on integer hundredths. No I/O; runs in workerd, browsers and Node.
 */
export {
  assertCenti,
  type Centi,
  type FormatScoreOptions,
  formatScore,
  fromCenti,
  fromThaiDigits,
  isCenti,
  MAX_CENTI,
  meanCenti,
  parseScore,
  roundHalfUpDiv,
  toCenti,
  toThaiDigits,
} from "./centi";
export {
  compareFrameworks,
  type FrameworkComparison,
  type FrameworkDifference,
  type FrameworkDifferenceCode,
} from "./compare";
export { type ComputeInput, type ComputeResult, computeResult, type ResultField } from "./compute";
export { fiscalYearBounds, fiscalYearDays, fiscalYearOf, toBuddhistYear, toCommonEraYear } from "./dates";
export {
  builtInFrameworks,
  createFrameworkRegistry,
  FrameworkError,
  type FrameworkRegistry,
  frameworkFor,
  normalizeItemCode,
  parseFramework,
} from "./framework";
export {
  compareCodes,
  hasCompleteOitCatalogue,
  type ItemPointGainRow,
  itemPointGain,
  itemPointGains,
  OitCatalogueIncompleteError,
  type OitIndicatorsResult,
  type OitItemValue,
  oitIndicatorsFromItems,
  type PointGain,
  type SubIndicatorResult,
} from "./oit";
export { type Projection, type ProjectionInput, projectDisclosure } from "./projection";
export {
  type NextRatingBlockers,
  nextRatingBlockers,
  rate,
  ratingOrder,
  ratingsOf,
  type ToolBelowFloor,
  type WeakIndicator,
  weakIndicators,
} from "./rating";
export {
  EIT_PART_KEYS,
  type FrameworkDocument,
  type FrameworkDocumentInput,
  FrameworkDocumentSchema,
  INDICATOR_NUMBERS,
  TOOL_KEYS,
} from "./schema";
export { toolScore, toolsFromIndicators, totalFromTools } from "./scoring";
export { competitionRanks, mean, median, passRate, percentRank, quantiles } from "./stats";
export type {
  EitPartKey,
  Framework,
  FrameworkIndicator,
  FrameworkOit,
  FrameworkRating,
  FrameworkTool,
  IndicatorNumber,
  IndicatorScores,
  LetterGrade,
  LocalText,
  OitItem,
  OitItemRef,
  OitStatus,
  OitSubIndicator,
  PassLevel,
  Rating,
  ToolKey,
  ToolScores,
} from "./types";
