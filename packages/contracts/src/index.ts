export * from "./agency";
export * from "./common";
export * from "./health";
export * from "./results";
