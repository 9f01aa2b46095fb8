export { labelContent, type LabelContent } from './label-content'
export { renderLabels } from './render-labels'
