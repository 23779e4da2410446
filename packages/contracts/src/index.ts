export * from "./agency";
export * from "./analytics";
export * from "./auth";
export * from "./common";
export * from "./disclosure";
export * from "./health";
export * from "./profile";
export * from "./results";
