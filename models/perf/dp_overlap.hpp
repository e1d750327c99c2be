#pragma once
// How much of a data-parallel transfer (the gradient reduce, the distributed optimizer's parameter all_gather)
// the critical pipeline stage cannot hide behind its compute.
//
// Megatron-Core schedules them chunk by chunk (megatron/core/pipeline_parallel/schedules.py, interleaved 1F1B):
// a model chunk's gradient reduce is launched when its last micro-batch backward is done, and the parameter
// all_gather of chunk k when chunk k-1 starts its first forward of the step (chunks 0 and 1 at the start).
// Interleaving (Narayanan et al. SC'21, Sec. 2.2) runs micro-batches in groups of pp per chunk, so on the first
// stage, which finishes last, the chunks' last backward operations and first forward operations are pp
// chunk-operations apart, a chunk-operation being one micro-batch through one chunk (op_s / v, where op_s is one
// micro-batch through the whole stage). The network serves one chunk after the other, total / v each. The
// exposed time is the largest overrun of a chunk past its deadline (the stage's end for gradients, the end of
// the chunk's first forward operation for parameters), and never less than one bucket, which cannot overlap.
// With v = 1 (no interleaving, or fewer micro-batches than pp) both are max(bucket, total - op_s).

namespace aidc::models {

// total_s, bucket_s: the whole transfer and its last bucket; backward_s: one micro-batch's backward through the
// stage; v: virtual chunks per stage that the schedule interleaves.
double exposed_grad_reduce_s(double total_s, double bucket_s, double backward_s, int pp, int v);

// forward_s: one micro-batch's forward through the stage.
double exposed_param_gather_s(double total_s, double bucket_s, double forward_s, int pp, int v);

}  // namespace aidc::models
