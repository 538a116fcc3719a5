/** The version written into plans (kept in step with package.json by the release). */
export const WATTPLAN_VERSION = "0.1.0";
