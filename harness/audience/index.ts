export { Histogram, HistogramError, BUCKETS_PER_DOUBLING, bucketIndex, bucketFrom, bucketTo } from './histogram';
export type { HistogramSummary, HistogramBucket } from './histogram';
export type { AudienceSummary, AudienceHistograms, AudiencePoint, AudienceGroupSummary, AudienceProtocol } from './audience-summary';
