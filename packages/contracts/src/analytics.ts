// Analytics schemas: years, rankings, summary, weak indicators, movement, heatmap.
export {};
