/** The check documentation page, rendered from rubrics/oml.yaml. */
export function render(): string;
