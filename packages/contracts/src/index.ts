export * from "./agency";
export * from "./auth";
export * from "./common";
export * from "./disclosure";
export * from "./health";
export * from "./results";
export * from "./analytics";
export * from "./profile";
