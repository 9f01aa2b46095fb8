export { labelContent, type LabelContent } from './label-content'
export { LABEL_SIZES, type LabelSize } from './label-sheets'
export { renderLabels } from './render-labels'
